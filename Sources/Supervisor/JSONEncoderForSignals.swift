import Foundation

/// One sorted-keys JSON encoder for the supervisor's records, so the same signals always give the same text.
enum JSONEncoderForSignals {
    static var shared: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
