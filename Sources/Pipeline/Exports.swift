// The value types a front door builds plans from and reads summaries of, from the modules below
// the library, so that a front door imports Pipeline alone and sees no more of those modules.
@_exported import struct Annotation.ClusterModel
@_exported import protocol Annotation.FeatureExtractor
@_exported import struct Catalog.PubMedCoverage
@_exported import struct Dataset.AnnotationWriter
@_exported import struct Dataset.SampleFilter
@_exported import struct Dataset.SerializeOptions
@_exported import struct Entrez.EUtilitiesEndpoint
@_exported import struct Imaging.ImageOptions
@_exported import enum PMCSource.SourceLayout
@_exported import struct PMCModel.ShardSpec
@_exported import struct Transport.HTTPSettings
@_exported import struct Transport.HTTPStatistics
@_exported import enum Platform.ErrorText
