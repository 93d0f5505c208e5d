import Foundation

/// How a forge splits a list into pages.
public enum PaginationDialect: Sendable {
    /// GitHub: follow the `Link: <…>; rel="next"` header until there is none. `per_page` sets the size.
    case github
    /// Gitea: `page` and `limit` query parameters; the last page is empty or shorter than `limit`.
    /// A `Link` header, when present, is followed instead.
    case gitea
}

/// Computes the request for each page of a list endpoint.
struct Paginator: Sendable {
    /// The page size Gitea falls back to when the caller gives none (Gitea's own maximum).
    static let defaultGiteaLimit = 50

    let dialect: PaginationDialect
    let pageSize: Int?

    /// The first page's request: the caller's, with the page-size parameter set when needed.
    func firstRequest(from request: HTTPRequest) -> HTTPRequest {
        var first = request
        switch dialect {
        case .github:
            if let pageSize { first.url = first.url.settingQuery("per_page", to: String(pageSize)) }
        case .gitea:
            let limit = pageSize ?? first.url.queryValue("limit").flatMap(Int.init) ?? Self.defaultGiteaLimit
            first.url = first.url.settingQuery("limit", to: String(limit))
            if first.url.queryValue("page") == nil { first.url = first.url.settingQuery("page", to: "1") }
        }
        return first
    }

    /// The next page's request, or nil when `response` was the last page.
    ///
    /// - Throws: ``HTTPError/Code/pagination`` when a next link leaves the first request's origin,
    ///   since the client would send its credentials there.
    func nextRequest(after request: HTTPRequest, response: HTTPResponse, itemCount: Int) throws(HTTPError)
        -> HTTPRequest?
    {
        let linkValues = response.headers.values(for: "Link")
        if !linkValues.isEmpty || dialect == .github {
            guard let next = LinkHeader(values: linkValues).next else { return nil }
            let resolved = URL(string: next.absoluteString, relativeTo: request.url)?.absoluteURL ?? next
            guard resolved.hasSameOrigin(as: request.url) else {
                throw HTTPError(
                    code: .pagination, method: request.method, path: request.url.redactedPath, attempts: 1,
                    detail: "The next-page link points to another host; it was not followed.")
            }
            var nextRequest = request
            nextRequest.url = resolved
            return nextRequest
        }
        let limit = request.url.queryValue("limit").flatMap(Int.init) ?? Self.defaultGiteaLimit
        let page = request.url.queryValue("page").flatMap(Int.init) ?? 1
        guard itemCount > 0, itemCount >= limit else { return nil }
        var nextRequest = request
        nextRequest.url = request.url.settingQuery("page", to: String(page + 1))
        return nextRequest
    }
}

extension URL {
    /// The first value of query parameter `name`.
    func queryValue(_ name: String) -> String? {
        URLComponents(url: self, resolvingAgainstBaseURL: false)?.queryItems?.first { $0.name == name }?.value
    }

    /// This URL with query parameter `name` set to `value` (replacing any existing ones).
    func settingQuery(_ name: String, to value: String) -> URL {
        guard var components = URLComponents(url: self, resolvingAgainstBaseURL: false) else { return self }
        var items = (components.queryItems ?? []).filter { $0.name != name }
        items.append(URLQueryItem(name: name, value: value))
        components.queryItems = items
        return components.url ?? self
    }

    /// True when scheme, host and port match.
    func hasSameOrigin(as other: URL) -> Bool {
        scheme?.lowercased() == other.scheme?.lowercased() && host?.lowercased() == other.host?.lowercased()
            && port == other.port
    }
}
