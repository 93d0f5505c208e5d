import Foundation

/// A request matched to a route, with the path parameters it carried.
struct MatchedRoute: Sendable {
    let route: ForgeRoute
    /// Path parameters by template name (`owner`, `issue_number`, `index`…), percent-decoded.
    let parameters: [String: String]

    /// The parameter `name`, or an empty string when the template has none of that name.
    subscript(name: String) -> String { parameters[name] ?? "" }

    /// The parameter `name` as an integer.
    func integer(_ name: String) -> Int? { Int(self[name]) }
}

/// Finds the route for a method and a path, Gitea's being recognised by the `/api/v1` prefix.
enum ForgeRouter {
    /// The base path under which the Gitea dialect is served.
    static let giteaBasePath = "/api/v1"

    /// The matching route, or nil when nothing is served at `path` for `method`.
    /// - Parameter path: the percent-encoded request path, without query.
    static func match(method: String, path: String) -> MatchedRoute? {
        let (dialect, apiPath) =
            path.hasPrefix(giteaBasePath + "/")
            ? (ForgeDialect.gitea, String(path.dropFirst(giteaBasePath.count))) : (ForgeDialect.github, path)
        let segments = apiPath.split(separator: "/")
        for route in FakeForge.routes where route.dialect == dialect && route.method == method {
            if let parameters = bind(route.segments, to: segments) {
                return MatchedRoute(route: route, parameters: parameters)
            }
        }
        return nil
    }

    /// Binds `{name}` segments to the request's segments; nil when a literal segment differs.
    private static func bind(_ template: [Substring], to segments: [Substring]) -> [String: String]? {
        guard template.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        for (pattern, segment) in zip(template, segments) {
            if pattern.hasPrefix("{"), pattern.hasSuffix("}") {
                let name = String(pattern.dropFirst().dropLast())
                parameters[name] = segment.removingPercentEncoding ?? String(segment)
            } else if pattern != segment {
                return nil
            }
        }
        return parameters
    }
}
