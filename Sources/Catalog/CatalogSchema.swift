import GRDB

/// The catalog's tables, created and upgraded by numbered migrations.
///
/// One row per article version in `articles` (status `ok` or `failed`, the source fingerprint that
/// decides whether a later run must extract it again, and whether the source withdrew it); its
/// figures, their graphics and the paragraphs citing them hang off it and go with it (`ON DELETE CASCADE`). `problems` keeps every
/// error and warning, naming the article, the file and the cause. `runs` is the history of stage runs.
enum CatalogSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE articles (
                    pmcid TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    pmc_number INTEGER NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
                    fingerprint TEXT NOT NULL,
                    source_location TEXT NOT NULL,
                    last_modified TEXT,
                    license_code TEXT,
                    license_group TEXT NOT NULL,
                    citation TEXT,
                    pmid TEXT,
                    doi TEXT,
                    xml_pmcid TEXT,
                    article_type TEXT,
                    title TEXT,
                    abstract TEXT,
                    journal TEXT,
                    publisher TEXT,
                    date TEXT,
                    volume TEXT,
                    issue TEXT,
                    first_page TEXT,
                    last_page TEXT,
                    license_url TEXT,
                    license_type TEXT,
                    license_text TEXT,
                    copyright TEXT,
                    keywords TEXT NOT NULL DEFAULT '[]',
                    subjects TEXT NOT NULL DEFAULT '[]',
                    body_text TEXT,
                    PRIMARY KEY (pmcid, version)
                );
                CREATE INDEX articles_order ON articles (pmc_number, version);
                CREATE INDEX articles_license_group ON articles (license_group);

                CREATE TABLE figures (
                    pmcid TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    position INTEGER NOT NULL,
                    figure_id TEXT,
                    kind TEXT NOT NULL CHECK (kind IN ('fig', 'table')),
                    label TEXT NOT NULL,
                    caption_title TEXT NOT NULL,
                    caption TEXT NOT NULL,
                    parent_id TEXT,
                    license_url TEXT,
                    license_text TEXT,
                    PRIMARY KEY (pmcid, version, position),
                    FOREIGN KEY (pmcid, version) REFERENCES articles (pmcid, version) ON DELETE CASCADE
                );

                CREATE TABLE graphics (
                    pmcid TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    figure_position INTEGER NOT NULL,
                    position INTEGER NOT NULL,
                    href TEXT NOT NULL,
                    media TEXT,
                    PRIMARY KEY (pmcid, version, figure_position, position),
                    FOREIGN KEY (pmcid, version, figure_position)
                        REFERENCES figures (pmcid, version, position) ON DELETE CASCADE
                );

                CREATE TABLE figure_references (
                    pmcid TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    figure_position INTEGER NOT NULL,
                    position INTEGER NOT NULL,
                    text TEXT NOT NULL,
                    xml TEXT NOT NULL,
                    PRIMARY KEY (pmcid, version, figure_position, position),
                    FOREIGN KEY (pmcid, version, figure_position)
                        REFERENCES figures (pmcid, version, position) ON DELETE CASCADE
                );

                CREATE TABLE bibliography (
                    pmcid TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    position INTEGER NOT NULL,
                    ref_id TEXT,
                    text TEXT NOT NULL,
                    pmid TEXT,
                    doi TEXT,
                    PRIMARY KEY (pmcid, version, position),
                    FOREIGN KEY (pmcid, version) REFERENCES articles (pmcid, version) ON DELETE CASCADE
                );

                CREATE TABLE problems (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    pmcid TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    stage TEXT NOT NULL,
                    severity TEXT NOT NULL CHECK (severity IN ('error', 'warning')),
                    kind TEXT NOT NULL,
                    file TEXT,
                    message TEXT NOT NULL
                );
                CREATE INDEX problems_article ON problems (pmcid, version, stage);

                CREATE TABLE runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    stage TEXT NOT NULL,
                    source TEXT NOT NULL,
                    started_at TEXT NOT NULL,
                    finished_at TEXT,
                    summary TEXT
                );
                """)
        }
        migrator.registerMigration("v2") { db in
            // The serialize stage: the MD5 a source publishes for each media file, one row per
            // sample (written or left out as a duplicate), the articles whose samples are
            // committed, and where the shard writers stood at the last commit.
            try db.execute(sql: """
                ALTER TABLE graphics ADD COLUMN media_md5 TEXT;

                CREATE TABLE samples (
                    pmcid TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    figure_position INTEGER NOT NULL,
                    graphic_position INTEGER NOT NULL,
                    sequence INTEGER NOT NULL UNIQUE,
                    key TEXT NOT NULL UNIQUE,
                    license_group TEXT NOT NULL,
                    pixel_hash TEXT NOT NULL,
                    duplicate_of TEXT,
                    shard TEXT,
                    metadata TEXT NOT NULL,
                    PRIMARY KEY (pmcid, version, figure_position, graphic_position)
                );
                CREATE INDEX samples_pixel_hash ON samples (pixel_hash, sequence);

                CREATE TABLE serialized_articles (
                    pmcid TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    fingerprint TEXT NOT NULL,
                    PRIMARY KEY (pmcid, version)
                );

                CREATE TABLE serialize_state (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    checkpoint TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v3") { db in
            // Incremental updates: which extract run's listing last held each article version (a
            // random token per run), and when a complete listing first missed it. A withdrawn
            // version keeps its rows, as history, and is left out of the dataset. The marks live
            // in a narrow table of their own: SQLite rewrites a whole row on update, and an
            // article's row holds its full text.
            try db.execute(sql: """
                ALTER TABLE articles ADD COLUMN withdrawn_at TEXT;
                CREATE TABLE listing_marks (
                    pmcid TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    listed_in INTEGER NOT NULL,
                    PRIMARY KEY (pmcid, version)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v4") { db in
            // The enrich stage, keyed by PMID as PubMed is: one record per PMID (as JSON in the
            // format numbered `format`, with a digest that tells serialize when it changed), and
            // the PMIDs that got none, with why. Articles join them through `articles.pmid`.
            try db.execute(sql: """
                CREATE TABLE pubmed_records (
                    pmid TEXT PRIMARY KEY,
                    record TEXT NOT NULL,
                    format INTEGER NOT NULL,
                    digest TEXT NOT NULL,
                    fetched_at TEXT NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE pubmed_misses (
                    pmid TEXT PRIMARY KEY,
                    kind TEXT NOT NULL CHECK (kind IN ('no-record', 'failed')),
                    cause TEXT NOT NULL,
                    missed_at TEXT NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX articles_pmid ON articles (pmid);
                """)
        }
        migrator.registerMigration("v5") { db in
            // The annotate stage, keyed by sample key: the k-means cluster of each image (from
            // the model whose fingerprint `model` holds, with its squared distance to the
            // centroid), and the labels experts gave each cluster.
            try db.execute(sql: """
                CREATE TABLE image_clusters (
                    key TEXT PRIMARY KEY,
                    cluster INTEGER NOT NULL,
                    distance REAL NOT NULL,
                    model TEXT NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX image_clusters_cluster ON image_clusters (cluster, distance);
                CREATE TABLE cluster_labels (
                    cluster INTEGER PRIMARY KEY,
                    labels TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v6") { db in
            // How each finished shard file was when written (`GROUP/NNNNNN.tar` -> its stamp as
            // JSON), beside the checkpoint rather than in it: the checkpoint stays the same for
            // the same dataset, while times differ from one build to the next.
            // Samples by shard, for what reads one shard's samples (relabelling, verify), which
            // otherwise scanned every sample of the dataset once per shard.
            try db.execute(sql: """
                CREATE TABLE shard_stamps (
                    shard TEXT PRIMARY KEY,
                    stamp TEXT NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX samples_shard ON samples (shard, sequence);
                """)
        }
        migrator.registerMigration("v7") { db in
            // Exact duplicates are the same bytes (the SHA-256 of the stored image, as BIOMEDICA
            // hashed), no longer the same decoded pixels, which cost a full decode of every image.
            // Near duplicates by perceptual hash: `phash` is the 64-bit hash, and `phash_bands`
            // indexes its four 16-bit quarters for every sample that is not an exact duplicate,
            // so that the hashes within a few bits of one are found through equal quarters.
            try db.execute(sql: """
                DROP INDEX samples_pixel_hash;
                ALTER TABLE samples RENAME COLUMN pixel_hash TO image_hash;
                CREATE INDEX samples_image_hash ON samples (image_hash, sequence);
                ALTER TABLE samples ADD COLUMN phash INTEGER;
                ALTER TABLE samples ADD COLUMN near_duplicate_of TEXT;
                CREATE TABLE phash_bands (
                    band INTEGER NOT NULL,
                    value INTEGER NOT NULL,
                    sequence INTEGER NOT NULL,
                    PRIMARY KEY (band, value, sequence)
                ) WITHOUT ROWID;
                """)
        }
        return migrator
    }
}
