import PMCSource
import Testing

@Suite("resolving graphic hrefs to media files")
struct MediaResolverTests {
    @Test("an exact name wins, even over a preferred extension")
    func exactName() {
        let resolver = MediaResolver(mediaFiles: ["fig1.tif", "fig1.jpg"])
        #expect(resolver.resolve("fig1.tif") == "fig1.tif")
    }

    @Test("an exact name matches ignoring case when no exact match exists")
    func caseInsensitiveName() {
        #expect(MediaResolver(mediaFiles: ["FIG1.JPG"]).resolve("fig1.jpg") == "FIG1.JPG")
    }

    @Test("an href without extension gets .jpg before the .gif thumbnail")
    func noExtension() {
        #expect(MediaResolver(mediaFiles: ["gr1.gif", "gr1.jpg"]).resolve("gr1") == "gr1.jpg")
    }

    @Test("dots that are not an image extension stay part of the stem")
    func dottedStem() {
        let resolver = MediaResolver(mediaFiles: ["pone.0046493.g001.gif", "pone.0046493.g001.jpg", "pone.0046493.g002.jpg"])
        #expect(resolver.resolve("pone.0046493.g001") == "pone.0046493.g001.jpg")
    }

    @Test("an href with an image extension keeps its exact file")
    func dottedNameWithExtension() {
        let resolver = MediaResolver(mediaFiles: ["pone.0000217.e001.jpg", "pone.0000217.e001.gif"])
        #expect(resolver.resolve("pone.0000217.e001.jpg") == "pone.0000217.e001.jpg")
    }

    @Test("a missing .tif falls back to the stem's .jpg")
    func wrongExtension() {
        #expect(MediaResolver(mediaFiles: ["fig1.gif", "fig1.jpg"]).resolve("fig1.tif") == "fig1.jpg")
    }

    @Test("fallback extensions go .jpg, .jpeg, .png, .tif, .tiff", arguments: [
        (["f.tiff", "f.tif", "f.png", "f.jpeg"], "f.jpeg"),
        (["f.tiff", "f.tif", "f.png"], "f.png"),
        (["f.tiff", "f.tif", "f.gif"], "f.tif"),
        (["f.tiff", "f.gif"], "f.tiff"),
        (["F.PNG", "f.gif"], "F.PNG"),
    ])
    func fallbackOrder(media: [String], expected: String) {
        #expect(MediaResolver(mediaFiles: media).resolve("f") == expected)
    }

    @Test("the .gif thumbnail is used only when nothing else exists")
    func gifLast() {
        #expect(MediaResolver(mediaFiles: ["41598_2019_39072_Fig1_HTML.gif"]).resolve("41598_2019_39072_Fig1_HTML") == "41598_2019_39072_Fig1_HTML.gif")
    }

    @Test("nothing fitting gives nil", arguments: ["fig2", "fig1.jpg.txt", "", "  "])
    func noMatch(href: String) {
        #expect(MediaResolver(mediaFiles: ["fig1.jpg", "fig1.gif"]).resolve(href) == nil)
    }

    @Test("a folder in the href is ignored")
    func folderInHref() {
        #expect(MediaResolver(mediaFiles: ["fig3.jpg"]).resolve("figures/fig3") == "fig3.jpg")
    }
}
