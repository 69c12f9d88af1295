/// Calls a `cfaiss_*` function with room for its error message, and turns a failure into an
/// `AnnotationError` naming the operation.
enum FaissCall {
    static func run(
        _ operation: String, _ call: (UnsafeMutablePointer<CChar>, Int) -> Int32
    ) throws(AnnotationError) {
        var message = [CChar](repeating: 0, count: 1024)
        let status = message.withUnsafeMutableBufferPointer { call($0.baseAddress!, $0.count) }
        guard status == 0 else {
            throw .faiss(operation: operation, message: String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
    }
}
