import Foundation

extension HTTPClient {
    /// Sends `request` and decodes the 2xx response body as JSON.
    ///
    /// - Throws: ``HTTPError``; a body that does not decode gives ``HTTPError/Code/decoding`` with
    ///   the coding path and the start of the body.
    public func json<T: Decodable>(
        _ type: T.Type = T.self, _ request: HTTPRequest, decoder: JSONDecoder = JSONDecoder()
    ) async throws -> T {
        let response = try await send(request)
        return try decode(type, from: response, of: request, decoder: decoder)
    }

    /// Decodes `response`'s body, turning a `DecodingError` into an ``HTTPError`` for `request`.
    func decode<T: Decodable>(
        _ type: T.Type, from response: HTTPResponse, of request: HTTPRequest, decoder: JSONDecoder
    ) throws(HTTPError) -> T {
        do {
            return try response.decode(type, using: decoder)
        } catch {
            let redactor = SecretRedactor(authorizationValues: [
                configuration.authorization, request.headers["Authorization"],
            ])
            throw HTTPError(
                code: .decoding, method: request.method, path: redactor.redact(request.url.redactedPath),
                status: response.status, attempts: 1,
                bodyPrefix: redactor.redact(Self.bodyPrefix(of: response.body)),
                detail: "The body is not the JSON \(T.self) expects: \(Self.summary(of: error)).")
        }
    }

    private static func summary(of error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(type(of: error))" }
        let context: DecodingError.Context
        switch error {
        case .typeMismatch(_, let found), .valueNotFound(_, let found), .keyNotFound(_, let found),
            .dataCorrupted(let found):
            context = found
        @unknown default:
            return "decoding failed"
        }
        let path = context.codingPath.map(\.stringValue).joined(separator: ".")
        return path.isEmpty ? context.debugDescription : "\(context.debugDescription) at \(path)"
    }
}
