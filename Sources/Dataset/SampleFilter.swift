import Imaging

/// The checks a figure and its image must pass to become a sample, BIOMEDICA's by default: a
/// caption, and both sides of the image over 20 pixels.
public struct SampleFilter: Sendable, Equatable {
    /// Why a figure's graphic was left out.
    public enum Reason: String, Sendable, CaseIterable {
        /// The caption's title and text are both empty.
        case emptyCaption = "empty-caption"
        /// The graphic matched no media file of the article.
        case unresolvedGraphic = "unresolved-graphic"
        /// The same graphic (the same href) appeared earlier in the figure.
        case repeatedGraphic = "repeated-graphic"
        /// A side is not over `minSide` pixels.
        case tooSmall = "too-small"
        /// The longer side is more than `maxAspect` times the shorter.
        case extremeAspect = "extreme-aspect"
    }

    /// Both sides must be larger than this many pixels.
    public var minSide: Int
    /// The longer side may be at most this many times the shorter; nil for no limit.
    public var maxAspect: Double?

    /// BIOMEDICA's defaults: sides over 20 px, any aspect ratio.
    public init(minSide: Int = 20, maxAspect: Double? = nil) {
        self.minSide = minSide
        self.maxAspect = maxAspect
    }

    /// The reason an image of this header is left out, nil when it passes.
    public func reason(for header: ImageHeader) -> Reason? {
        if header.width <= minSide || header.height <= minSide { return .tooSmall }
        if let maxAspect {
            let longer = Double(max(header.width, header.height))
            let shorter = Double(max(1, min(header.width, header.height)))
            if longer / shorter > maxAspect { return .extremeAspect }
        }
        return nil
    }
}
