import Catalog
import Dataset
import Foundation
import Imaging
import Logging
import PMCModel
import WebDataset

/// Writes the material experts label clusters from, under `annotation/review/` of a dataset: for
/// each cluster, `NNNN.jpg`, a contact sheet of its images nearest the centroid (the most typical
/// first), and `NNNN.json`, its samples nearest first with their captions; `clusters.json` lists
/// the clusters with their sizes and files.
///
/// The shards are read once, in order; only the sheets' thumbnails are kept in memory, as small
/// JPEGs (about 5 KB each: 2000 clusters of 36 take some 360 MB).
public struct ReviewWriter: Sendable {
    /// Images on a contact sheet: a 6 x 6 grid.
    public var sheetImages = 36
    /// Samples listed in a cluster's JSON, nearest first.
    public var listedSamples = 100
    /// The side of a thumbnail on the sheet.
    public var thumbnailSize = 128

    private let catalog: Catalog
    private let dataset: DatasetFolder

    /// A writer for `dataset`, whose catalog is `catalog`.
    public init(catalog: Catalog, dataset: DatasetFolder) {
        self.catalog = catalog
        self.dataset = dataset
    }

    /// The folder the review material goes to.
    public var folder: URL { dataset.layout.reviewFolder }

    /// One line of `clusters.json`.
    struct ClusterEntry: Encodable {
        let cluster: Int
        let size: Int
        let labelled: Bool
        let sheet: String
        let samples: String
    }

    /// One cluster's `NNNN.json`.
    struct ClusterListing: Encodable {
        let cluster: Int
        let model: String?
        let size: Int
        let labels: ClusterLabel?
        let samples: [ListedSample]
    }

    /// A sample as the review lists it.
    struct ListedSample: Encodable {
        let key: String
        let distance: Float
        let onSheet: Bool
        let shard: String?
        let imageFileName: String
        let articleAccessionID: String
        let imageLabel: String
        let caption: String

        enum CodingKeys: String, CodingKey {
            case key, distance, shard, caption
            case onSheet = "on_sheet"
            case imageFileName = "image_file_name"
            case articleAccessionID = "article_accession_id"
            case imageLabel = "image_label"
        }
    }

    /// Writes every cluster's sheet and listing, in place of those there were; returns the number
    /// of clusters. Reports the shards read; images that cannot go on a sheet are logged.
    @discardableResult
    public func run(in context: RunContext) throws -> Int {
        try dataset.replaceFolder(folder) { staging in
            try write(into: staging, context: context)
        }
    }

    private func write(into folder: URL, context: RunContext) throws -> Int {
        let sizes = try catalog.clusterSizes()
        let labels = try catalog.clusterLabels()
        let model = try catalog.clusterModels().first
        func save(_ data: Data, to name: String) throws {
            try data.write(to: folder.appendingPathComponent(name))
        }
        let digits = max(4, String(sizes.keys.max() ?? 0).count)
        func name(_ cluster: Int) -> String {
            let number = String(cluster)
            return String(repeating: "0", count: max(0, digits - number.count)) + number
        }

        // Listings first, noting which samples go on which sheet and in which shard they are.
        var wanted: [String: [String: (cluster: Int, rank: Int)]] = [:]
        var entries: [ClusterEntry] = []
        let decoder = JSONDecoder()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        for cluster in sizes.keys.sorted() {
            let members = try catalog.clusterMembers(cluster, limit: max(listedSamples, sheetImages))
            var listed: [ListedSample] = []
            for (rank, member) in members.enumerated() {
                let sample = try decoder.decode(Sample.self, from: Data(member.metadata.utf8))
                if rank < sheetImages, let shard = sample.shard { wanted[shard, default: [:]][member.key] = (cluster, rank) }
                guard rank < listedSamples else { continue }
                listed.append(ListedSample(
                    key: member.key, distance: member.distance, onSheet: rank < sheetImages, shard: sample.shard,
                    imageFileName: sample.imageFileName, articleAccessionID: sample.articleAccessionID,
                    imageLabel: sample.imageLabel, caption: sample.caption))
            }
            try save(encoder.encode(ClusterListing(cluster: cluster, model: model, size: sizes[cluster] ?? 0, labels: labels[cluster], samples: listed)),
                      to: "\(name(cluster)).json")
            entries.append(ClusterEntry(
                cluster: cluster, size: sizes[cluster] ?? 0, labelled: labels[cluster] != nil, sheet: "\(name(cluster)).jpg", samples: "\(name(cluster)).json"))
        }

        // One pass over the shards that hold a sheet's image.
        var thumbnails: [Int: [Int: [UInt8]]] = [:]
        for (done, shard) in wanted.keys.sorted().enumerated() {
            let keys = wanted[shard] ?? [:]
            let reader = try ShardReader(url: dataset.layout.shardsFolder.appendingPathComponent(shard))
            while let sample = try reader.next() {
                guard let place = keys[sample.key] else { continue }
                guard let image = sample.image else { continue }
                do {
                    let thumbnail = try RGBThumbnail(decoding: [UInt8](image), size: thumbnailSize, maxPixels: ImageOptions().maxPixels)
                    thumbnails[place.cluster, default: [:]][place.rank] = try thumbnail.jpeg()
                } catch {
                    context.logger.warning("\(shard): \(sample.key): left off the contact sheet: \(error)")
                }
            }
            context.progress(ProgressEvent(stage: "review", done: done + 1, total: wanted.count, unit: "shards"))
        }
        for entry in entries {
            let images = (thumbnails[entry.cluster] ?? [:]).sorted { $0.key < $1.key }.compactMap {
                try? RGBThumbnail(decoding: $0.value, size: thumbnailSize)
            }
            try save(Data(ContactSheet(columns: 6, cell: thumbnailSize).jpeg(of: images)), to: entry.sheet)
        }
        try save(encoder.encode(entries), to: "clusters.json")
        return entries.count
    }
}
