import Foundation

/// Turns a ``LocalForgeDocument`` into the file's bytes and back.
///
/// The output is pretty-printed with sorted keys, ISO 8601 dates and a final newline, so the same
/// document always gives the same bytes. Reading refuses anything that is not a complete document of
/// ``LocalForgeDocument/currentFormat``, with an error that names the file and what to do.
enum LocalForgeCoding {
    /// The file's bytes for `document`.
    static func encode(_ document: LocalForgeDocument) throws(LocalForgeFailure) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        do {
            return try encoder.encode(document) + Data("\n".utf8)
        } catch {
            throw LocalForgeFailure(.invalidRequest, "Could not encode the local forge document: \(error).")
        }
    }

    /// The document in `data`, read from `file`.
    static func decode(_ data: Data, from file: URL) throws(LocalForgeFailure) -> LocalForgeDocument {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let format: String?
        do {
            format = try decoder.decode(FormatProbe.self, from: data).format
        } catch {
            throw corrupt(file, "it is not a JSON object")
        }
        guard format == LocalForgeDocument.currentFormat else {
            throw corrupt(
                file,
                "its format is \(format.map { "\"\($0)\"" } ?? "missing"), not \"\(LocalForgeDocument.currentFormat)\"")
        }
        do {
            return try decoder.decode(LocalForgeDocument.self, from: data)
        } catch let error as DecodingError {
            throw corrupt(file, describe(error))
        } catch {
            throw corrupt(file, "\(error)")
        }
    }

    /// The error for a file that is not a readable document; the file itself is left alone.
    private static func corrupt(_ file: URL, _ reason: String) -> LocalForgeFailure {
        LocalForgeFailure(
            .invalidResponse, "The local forge file \(file.path) is not a readable local forge: \(reason).",
            remedy: "Nothing was changed. Restore the file from a copy, or delete it to start a fresh forge.")
    }

    /// Where in the document decoding failed, and why, in one line.
    private static func describe(_ error: DecodingError) -> String {
        let (path, reason): ([any CodingKey], String) =
            switch error {
            case .keyNotFound(let key, let context): (context.codingPath + [key], "the key is missing")
            case .valueNotFound(_, let context): (context.codingPath, "the value is null")
            case .typeMismatch(_, let context), .dataCorrupted(let context):
                (context.codingPath, context.debugDescription)
            @unknown default: ([], "\(error)")
            }
        let location = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return location.isEmpty ? reason : "at \(location.drop { $0 == "." }): \(reason)"
    }

    /// The one field read before the rest, to tell another format from a damaged file.
    private struct FormatProbe: Decodable {
        let format: String?
    }
}
