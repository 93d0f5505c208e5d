import Foundation

/// The JSON coders of pending-state files: sorted keys, and times in the database's text form.
enum StateJSON {
    /// An encoder for pending-state files.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(StateTimestamp.text(date))
        }
        return encoder
    }

    /// A decoder for pending-state files.
    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = StateTimestamp.date(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "`\(text)` is not a time like 2026-01-31T12:00:00.000Z")
            }
            return date
        }
        return decoder
    }
}
