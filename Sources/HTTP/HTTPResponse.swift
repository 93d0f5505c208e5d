import Foundation

/// A complete HTTP response: status, headers and the whole body.
public struct HTTPResponse: Sendable {
    /// The HTTP status code.
    public let status: Int
    /// The response headers, looked up case-insensitively.
    public let headers: HTTPHeaders
    /// The response body (after any content decoding), possibly empty.
    public let body: Data

    /// Creates a response.
    public init(status: Int, headers: HTTPHeaders = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// True for a 2xx status.
    public var isSuccess: Bool { (200..<300).contains(status) }

    /// Decodes the body as JSON.
    ///
    /// - Throws: `DecodingError` when the body is not the JSON `T` expects.
    public func decode<T: Decodable>(_ type: T.Type = T.self, using decoder: JSONDecoder = JSONDecoder()) throws -> T {
        try decoder.decode(type, from: body)
    }
}
