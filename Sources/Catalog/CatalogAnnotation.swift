import Foundation
import GRDB
import PMCModel

/// One image's k-means cluster, as `annotate assign` records it.
public struct ImageCluster: Sendable, Equatable {
    /// The sample key.
    public var key: String
    /// The cluster number.
    public var cluster: Int
    /// The squared distance to the cluster's centroid, in the model's PCA space.
    public var distance: Float

    /// A cluster assignment.
    public init(key: String, cluster: Int, distance: Float) {
        self.key = key
        self.cluster = cluster
        self.distance = distance
    }
}

/// A written sample of a cluster, for review: its key, distance and metadata JSON.
public struct ClusterMember: Sendable, Equatable {
    /// The sample key.
    public var key: String
    /// The squared distance to the centroid: the nearest are the most typical of the cluster.
    public var distance: Float
    /// The sample's JSON, as its shard holds it.
    public var metadata: String
}

/// A sample in a shard, with its JSON and the cluster the catalog gives its image.
public struct WrittenSample: Sendable, Equatable {
    /// The sample key.
    public var key: String
    /// The sample's JSON, as its shard holds it.
    public var metadata: String
    /// The image's cluster; nil when it was never assigned.
    public var cluster: Int?
}

/// What the annotate stage keeps in the catalog: each image's cluster, keyed by sample key, and
/// the labels of each cluster. Serialize and relabelling read them to fill the samples' label fields.
extension Catalog {
    /// Forgets every image's cluster, before the images are assigned with another model.
    public func clearImageClusters() throws(CatalogError) {
        try writing { db in try db.execute(sql: "DELETE FROM image_clusters") }
    }

    /// Records the clusters of a batch of images, given by the model with fingerprint `model`,
    /// in one transaction, replacing what the images had.
    public func recordImageClusters(_ clusters: [ImageCluster], model: String) throws(CatalogError) {
        try writing { db in
            let statement = try db.cachedStatement(sql: "INSERT OR REPLACE INTO image_clusters (key, cluster, distance, model) VALUES (?, ?, ?, ?)")
            for row in clusters {
                try statement.execute(arguments: [row.key, row.cluster, Double(row.distance), model])
            }
        }
    }

    /// The fingerprints of the models the recorded clusters came from: one, or none before `assign`.
    public func clusterModels() throws(CatalogError) -> [String] {
        try reading { db in try String.fetchAll(db, sql: "SELECT DISTINCT model FROM image_clusters ORDER BY model") }
    }

    /// Replaces every cluster's labels with `labels`.
    public func replaceClusterLabels(_ labels: [Int: ClusterLabel]) throws(CatalogError) {
        try writing { db in
            try db.execute(sql: "DELETE FROM cluster_labels")
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let statement = try db.cachedStatement(sql: "INSERT INTO cluster_labels (cluster, labels) VALUES (?, ?)")
            for (cluster, label) in labels.sorted(by: { $0.key < $1.key }) {
                try statement.execute(arguments: [cluster, String(decoding: try encoder.encode(label), as: UTF8.self)])
            }
        }
    }

    /// The labels of every labelled cluster, read once by whoever labels many samples.
    public func clusterLabels() throws(CatalogError) -> [Int: ClusterLabel] {
        try reading { db in
            var labels: [Int: ClusterLabel] = [:]
            let decoder = JSONDecoder()
            for row in try Row.fetchAll(db, sql: "SELECT cluster, labels FROM cluster_labels") {
                labels[row["cluster"]] = try decoder.decode(ClusterLabel.self, from: Data((row["labels"] as String).utf8))
            }
            return labels
        }
    }

    /// True once any image has a cluster: until then, serialize asks for none.
    public func hasImageClusters() throws(CatalogError) -> Bool {
        try reading { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM image_clusters)") ?? false }
    }

    /// The cluster of the image with sample key `key`; nil when it was never assigned.
    public func imageCluster(forKey key: String) throws(CatalogError) -> Int? {
        try reading(transaction: false) { db in
            try Int.fetchOne(db.cachedStatement(sql: "SELECT cluster FROM image_clusters WHERE key = ?"), arguments: [key])
        }
    }

    /// The number of written samples in each cluster.
    public func clusterSizes() throws(CatalogError) -> [Int: Int] {
        try reading { db in
            var sizes: [Int: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT c.cluster, count(*) AS n FROM image_clusters c JOIN samples s ON s.key = c.key
                WHERE s.shard IS NOT NULL GROUP BY c.cluster
                """) {
                sizes[row["cluster"]] = row["n"]
            }
            return sizes
        }
    }

    /// Up to `limit` written samples of `cluster`, nearest its centroid first (ties by key).
    public func clusterMembers(_ cluster: Int, limit: Int) throws(CatalogError) -> [ClusterMember] {
        try reading { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT c.key, c.distance, s.metadata FROM image_clusters c JOIN samples s ON s.key = c.key
                WHERE c.cluster = ? AND s.shard IS NOT NULL ORDER BY c.distance, c.key LIMIT ?
                """), arguments: [cluster, limit]).map {
                ClusterMember(key: $0["key"], distance: Float($0["distance"] as Double), metadata: $0["metadata"])
            }
        }
    }

    /// Every sample written to `shard` (`GROUP/NNNNNN.tar`), in build order, with its cluster.
    public func writtenSamples(inShard shard: String) throws(CatalogError) -> [WrittenSample] {
        try reading { db in
            try Row.fetchAll(db, sql: """
                SELECT s.key, s.metadata, c.cluster FROM samples s LEFT JOIN image_clusters c ON c.key = s.key
                WHERE s.shard = ? ORDER BY s.sequence
                """, arguments: [shard])
                .map { WrittenSample(key: $0["key"], metadata: $0["metadata"], cluster: $0["cluster"]) }
        }
    }

    /// Replaces the JSON of the samples in `metadata` (by key), the serialize checkpoint and the
    /// rewritten shard's stamp, in one transaction: what relabelling a shard commits once the
    /// shard is on disk.
    public func updateSampleMetadata(
        _ metadata: [(key: String, metadata: String)], checkpoint: String, stamps: [String: String] = [:]
    ) throws(CatalogError) {
        try writing { db in
            try Self.store(stamps, in: db)
            let statement = try db.cachedStatement(sql: "UPDATE samples SET metadata = ? WHERE key = ?")
            for (key, json) in metadata {
                try statement.execute(arguments: [json, key])
            }
            try db.execute(sql: "INSERT OR REPLACE INTO serialize_state (id, checkpoint) VALUES (1, ?)", arguments: [checkpoint])
        }
    }
}
