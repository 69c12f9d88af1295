import PMCModel
import PMCSource

/// One step through a run's listing.
enum ListingStep {
    /// A reference the selection keeps: the run works on it.
    case selected(ArticleRef)
    /// A version the listing holds (inside the shard and PMCIDs) that the run leaves alone:
    /// unmodified since `--since`, or outside the license groups.
    case passed(ArticleVersion)

    /// The version either way.
    var id: ArticleVersion {
        switch self {
        case .selected(let ref): ref.id
        case .passed(let id): id
        }
    }
}
