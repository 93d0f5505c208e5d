import Foundation

/// What a CGI program printed: a `Status:` line, headers, a blank line, then the body.
struct CGIResponse {
    /// The HTTP status code, 200 unless the program sent `Status:`.
    var status: Int
    /// The reason phrase for ``status``.
    var reason: String
    /// The headers to send, without `Status`, `Content-Length` and `Transfer-Encoding` (the server sets those).
    var headers: [(String, String)]
    /// Everything after the blank line.
    var body: Data
    /// CPU seconds the program (and the git processes it waited for) used.
    var cpuSeconds: Double = 0

    /// Parses `output`; a program that printed no header block becomes a 500 carrying its `errorOutput`.
    static func parse(_ output: Data, errorOutput: Data) -> CGIResponse {
        guard let split = headerEnd(in: output) else {
            let detail = String(decoding: errorOutput, as: UTF8.self)
            return CGIResponse(
                status: 500, reason: "Internal Server Error", headers: [("Content-Type", "text/plain")],
                body: Data("git http-backend printed no headers: \(detail)\n".utf8))
        }
        var response = CGIResponse(status: 200, reason: "OK", headers: [], body: Data(output[split.body...]))
        let block = String(decoding: output[..<split.headers], as: UTF8.self)
        for line in block.split(whereSeparator: \.isNewline) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch name.lowercased() {
            case "status":
                let parts = value.split(separator: " ", maxSplits: 1)
                response.status = parts.first.flatMap { Int($0) } ?? 500
                response.reason = parts.count > 1 ? String(parts[1]) : ""
            case "content-length", "transfer-encoding":
                continue
            default:
                response.headers.append((name, value))
            }
        }
        return response
    }

    /// Where the header block ends and where the body starts: after the first `\r\n\r\n` or `\n\n`.
    private static func headerEnd(in output: Data) -> (headers: Data.Index, body: Data.Index)? {
        let bytes = [UInt8](output.prefix(64 * 1024))
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0A {
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                    return (output.startIndex + index, output.startIndex + index + 2)
                }
                if index + 2 < bytes.count, bytes[index + 1] == 0x0D, bytes[index + 2] == 0x0A {
                    return (output.startIndex + index, output.startIndex + index + 3)
                }
            }
            index += 1
        }
        return nil
    }
}
