import Imaging
import Pipeline
import Testing

@Suite("The sample filters: both sides over 20 px, an optional aspect limit")
struct SampleFilterTests {
    func header(_ width: Int, _ height: Int) -> ImageHeader {
        ImageHeader(format: .jpeg, width: width, height: height, bands: 3, colourSpace: .srgb)
    }

    @Test func defaultsAreBiomedicas() {
        let filter = SampleFilter()
        #expect(filter.minSide == 20)
        #expect(filter.maxAspect == nil)
        #expect(SerializeOptions().filter == filter)
    }

    @Test func bothSidesMustBeOverTheMinimum() {
        let filter = SampleFilter()
        #expect(filter.reason(for: header(20, 20)) == .tooSmall)
        #expect(filter.reason(for: header(20, 500)) == .tooSmall, "20 px is not over 20")
        #expect(filter.reason(for: header(500, 20)) == .tooSmall)
        #expect(filter.reason(for: header(12, 12)) == .tooSmall)
        #expect(filter.reason(for: header(0, 0)) == .tooSmall)
        #expect(filter.reason(for: header(21, 21)) == nil)
        #expect(filter.reason(for: header(21, 500)) == nil)
        #expect(filter.reason(for: header(500, 21)) == nil)

        let larger = SampleFilter(minSide: 100)
        #expect(larger.reason(for: header(100, 400)) == .tooSmall)
        #expect(larger.reason(for: header(101, 400)) == nil)
        let none = SampleFilter(minSide: 0)
        #expect(none.reason(for: header(1, 1)) == nil)
    }

    @Test func noAspectLimitByDefault() {
        let filter = SampleFilter()
        #expect(filter.reason(for: header(21, 30_000)) == nil)
        #expect(filter.reason(for: header(30_000, 21)) == nil)
    }

    @Test func aspectLimitIsOnTheLongerOverTheShorterSide() {
        let filter = SampleFilter(maxAspect: 3)
        #expect(filter.reason(for: header(300, 100)) == nil, "exactly the limit passes")
        #expect(filter.reason(for: header(100, 300)) == nil)
        #expect(filter.reason(for: header(301, 100)) == .extremeAspect)
        #expect(filter.reason(for: header(100, 301)) == .extremeAspect)
        #expect(filter.reason(for: header(100, 100)) == nil)

        let fractional = SampleFilter(maxAspect: 1.5)
        #expect(fractional.reason(for: header(150, 100)) == nil)
        #expect(fractional.reason(for: header(151, 100)) == .extremeAspect)
    }

    @Test func tooSmallComesBeforeTheAspect() {
        let filter = SampleFilter(maxAspect: 2)
        #expect(filter.reason(for: header(10, 1_000)) == .tooSmall)
        #expect(filter.reason(for: header(21, 1_000)) == .extremeAspect)
    }

    @Test func reasonsAreTheContractsNames() {
        #expect(SampleFilter.Reason.allCases.map(\.rawValue) == ["empty-caption", "unresolved-graphic", "repeated-graphic", "too-small", "extreme-aspect"])
    }
}
