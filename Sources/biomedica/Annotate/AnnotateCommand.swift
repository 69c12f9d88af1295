import ArgumentParser

/// `biomedica annotate`: label images as BIOMEDICA did, by clustering their features (PCA, then
/// k-means) and giving each cluster the labels experts chose for it.
struct AnnotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotate",
        abstract: "Label images by cluster: features, PCA and k-means, then the labels experts gave each cluster.",
        discussion: """
            The steps, on a dataset that `build` wrote (`build --annotate` runs them all):

              biomedica annotate features --dataset out/sample
              biomedica annotate fit --features out/sample/features/builtin-v2 --model out/sample/annotation/model
              biomedica annotate assign --model out/sample/annotation/model --dataset out/sample
              biomedica annotate review --dataset out/sample
              biomedica annotate label --dataset out/sample --labels cluster_labels.json --taxonomy taxonomy.json

            `features` writes features/builtin-v2/GROUP/NNNNNN.npy with the sample keys beside it; `assign` gives each image its cluster (image_label_id); `review` writes annotation/review/NNNN.jpg and NNNN.json per cluster.

            Experts look at each cluster's contact sheet and listing and write cluster_labels.json in BIOMEDICA's format; `label` checks it against the taxonomy and writes image_panel_type, image_panel_subtype, image_primary_label and image_secondary_label into the catalog, the shards' JSON and the Parquet tables. Cluster numbers mean something only for the model that made them: labels written for one model do not fit another (BIOMEDICA's own cluster_labels.json belongs to its DINOv2 clusters).

            A saved model assigns new data (a yearly update) without refitting. Feature files are plain NumPy arrays; `features --images DIR` computes them for any folder of images.
            """,
        subcommands: [
            AnnotateFeaturesCommand.self, AnnotateFitCommand.self, AnnotateAssignCommand.self, AnnotateReviewCommand.self,
            AnnotateLabelCommand.self,
        ])
}
