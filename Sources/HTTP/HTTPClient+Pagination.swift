import Foundation

extension HTTPClient {
    /// Fetches every page of a JSON list endpoint and returns all items, in order.
    ///
    /// - Parameters:
    ///   - type: the type of one list item.
    ///   - first: the first page's request (GET, usually without page parameters).
    ///   - dialect: how the forge pages (``PaginationDialect``).
    ///   - pageSize: sets `per_page` (GitHub) or `limit` (Gitea); nil keeps the request's own
    ///     value, else the forge default for GitHub and 50 for Gitea.
    ///   - maxPages: the most pages fetched; a list with more throws instead of being cut short.
    /// - Throws: ``HTTPError``: from any page, `.decoding` for a page that is not a JSON array of
    ///   `T`, `.pagination` when there are more than `maxPages` pages.
    public func paginate<T: Decodable>(
        _ type: T.Type = T.self, _ first: HTTPRequest, dialect: PaginationDialect, pageSize: Int? = nil,
        maxPages: Int = 100, decoder: JSONDecoder = JSONDecoder()
    ) async throws -> [T] {
        let paginator = Paginator(dialect: dialect, pageSize: pageSize)
        var request: HTTPRequest? = paginator.firstRequest(from: first)
        var items: [T] = []
        var pages = 0
        while let current = request {
            guard pages < maxPages else {
                throw HTTPError(
                    code: .pagination, method: first.method, path: first.url.redactedPath, attempts: 1,
                    detail: "The list has more than \(maxPages) pages.")
            }
            let response = try await send(current)
            let page = try decode([T].self, from: response, of: current, decoder: decoder)
            pages += 1
            items.append(contentsOf: page)
            request = try paginator.nextRequest(after: current, response: response, itemCount: page.count)
        }
        return items
    }
}
