import PMCModel
import Testing

@Suite("License groups from PMC license codes")
struct LicenseGroupTests {
    @Test(arguments: [
        ("CC0", LicenseGroup.commercial), ("CC BY", .commercial), ("CC BY-SA", .commercial), ("CC BY-ND", .commercial),
        ("cc by 4.0", .commercial), ("CC-BY", .commercial),
        ("CC BY-NC", .noncommercial), ("CC BY-NC-SA", .noncommercial), ("CC BY-NC-ND", .noncommercial),
        ("CC BY-NC-ND 3.0", .noncommercial),
        ("NO-CC CODE", .other), ("", .other), ("CC BY-XYZ", .other), ("public domain", .other),
    ])
    func classifies(code: String, group: LicenseGroup) {
        #expect(LicenseGroup(licenseCode: code) == group)
    }

    @Test func missingCodeIsOther() {
        #expect(LicenseGroup(licenseCode: nil) == .other)
    }
}
