import Foundation

/// Slices a list into the page a request asked for and writes the paging headers, the way each
/// forge does: GitHub `per_page`/`page` (default 30, at most 100) with a `Link` header; Gitea
/// `page`/`limit` (default 30, at most 50) with `Link` and `X-Total-Count`.
enum ForgePagination {
    static func page<T>(_ items: [T], for call: ForgeCall, root: String) -> (items: [T], headers: [(String, String)]) {
        let sizeName = call.dialect == .github ? "per_page" : "limit"
        let maximum = call.dialect == .github ? 100 : 50
        let size = min(maximum, max(1, call.request.query[sizeName].flatMap(Int.init) ?? 30))
        let page = max(1, call.request.query["page"].flatMap(Int.init) ?? 1)
        let lastPage = max(1, (items.count + size - 1) / size)
        let start = min(items.count, (page - 1) * size)
        let slice = Array(items[start..<min(items.count, start + size)])

        func link(_ target: Int, _ relation: String) -> String {
            var query = call.request.query.filter { $0.key != "page" && $0.key != sizeName }
            query[sizeName] = String(size)
            query["page"] = String(target)
            let encode = { (text: String) in text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }
            let text = query.sorted { $0.key < $1.key }.map { "\(encode($0.key))=\(encode($0.value))" }.joined(
                separator: "&")
            return "<\(root)\(call.request.path)?\(text)>; rel=\"\(relation)\""
        }
        var links: [String] = []
        if page < lastPage { links += [link(page + 1, "next"), link(lastPage, "last")] }
        if page > 1 { links += [link(1, "first"), link(page - 1, "prev")] }
        var headers: [(String, String)] = links.isEmpty ? [] : [("Link", links.joined(separator: ", "))]
        if call.dialect == .gitea { headers.append(("X-Total-Count", String(items.count))) }
        return (slice, headers)
    }
}
