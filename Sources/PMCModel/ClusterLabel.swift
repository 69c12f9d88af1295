/// The labels experts gave one k-means cluster, which every image in it takes on: BIOMEDICA's
/// `panel_type`, `panel_subtype`, `global_class` and `local_class`, written into samples as
/// `image_panel_type`, `image_panel_subtype`, `image_primary_label` and `image_secondary_label`.
public struct ClusterLabel: Sendable, Equatable, Codable {
    /// `single` or `multiple`.
    public var panelType: String
    /// For example `single panel` or `multiple panels: images & plots`.
    public var panelSubtype: String
    /// Concepts of the taxonomy's top level, for example `Clinical Imaging`.
    public var primary: [String]
    /// Concepts under them, for example `x-ray radiography`.
    public var secondary: [String]

    /// Labels from their parts.
    public init(panelType: String, panelSubtype: String, primary: [String], secondary: [String]) {
        self.panelType = panelType
        self.panelSubtype = panelSubtype
        self.primary = primary
        self.secondary = secondary
    }

    enum CodingKeys: String, CodingKey {
        case panelType = "panel_type"
        case panelSubtype = "panel_subtype"
        case primary = "global_class"
        case secondary = "local_class"
    }
}
