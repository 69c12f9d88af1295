import Catalog
import Foundation
import PMCModel
import Parquet

/// Writes a dataset's Parquet tables from its catalog: `samples.parquet` from the samples in the
/// shards, in build order, and `articles.parquet` from the serialized articles.
struct DatasetTables {
    let catalog: Catalog
    let layout: DatasetLayout
    /// Whether the samples carry the `--biomedica-compat` fields.
    let compat: Bool
    /// Articles read from the catalog at a time.
    var pageSize = 64

    /// Writes both tables, each through a temporary name.
    func write() throws {
        try FileManager.default.createDirectory(at: layout.parquetFolder, withIntermediateDirectories: true)
        let samples = try ParquetWriter(url: layout.samplesTable, schema: SampleTable.schema(compat: compat))
        let decoder = JSONDecoder()
        try catalog.forEachWrittenSample { json in
            try samples.write(row: SampleTable.row(decoder.decode(Sample.self, from: Data(json.utf8)), compat: compat))
        }
        try samples.close()

        let counts = try catalog.writtenSampleCounts()
        let articles = try ParquetWriter(url: layout.articlesTable, schema: ArticleTable.schema())
        var cursor: ArticleVersion?
        while true {
            let page = try catalog.storedArticles(after: cursor, limit: pageSize)
            guard let last = page.last else { break }
            cursor = last.id
            for article in page {
                try articles.write(row: ArticleTable.row(article, samples: counts[article.id] ?? 0))
            }
        }
        try articles.close()
    }
}
