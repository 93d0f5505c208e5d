import Foundation
import Pipeline

/// The paths a stage may change: repository-relative globs in which `<N>` stands for the work item number.
///
/// `**` matches any number of path segments (none included), `*` any run of characters within one segment, `?` one
/// character; everything else matches itself. A path that is absolute or climbs with `..` is never in scope.
public struct WriteScope: Sendable, Hashable {
    /// The globs with `<N>` replaced, e.g. `docs/work-items/12/**`.
    public let patterns: [String]
    /// Globs inside ``patterns`` that are still out of scope (protected paths), with `<N>` replaced.
    public let excluded: [String]

    /// The scope of `globs` for work item `workItem`, less the paths `excluding` matches.
    public init(_ globs: [String], excluding: [String] = [], workItem: Int) {
        let number = String(workItem)
        patterns = globs.map { $0.replacingOccurrences(of: ArtifactRequirement.workItemPlaceholder, with: number) }
        excluded = excluding.map { $0.replacingOccurrences(of: ArtifactRequirement.workItemPlaceholder, with: number) }
    }

    /// True when `path` matches at least one pattern and no excluded glob.
    public func contains(_ path: String) -> Bool {
        guard let segments = Self.segments(of: path) else { return false }
        let matching = { (globs: [String]) in
            globs.contains { pattern in
                Self.matches(pattern.split(separator: "/", omittingEmptySubsequences: true)[...], segments[...])
            }
        }
        return matching(patterns) && !matching(excluded)
    }

    /// The changed paths outside the scope, in the order given.
    public func violations(in changedPaths: [String]) -> [String] {
        changedPaths.filter { !contains($0) }
    }

    /// The path's segments after dropping a leading `./`; nil for an absolute path or one with `..`.
    private static func segments(of path: String) -> [Substring]? {
        guard !path.hasPrefix("/") else { return nil }
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        guard !segments.isEmpty, !segments.contains("..") else { return nil }
        return segments
    }

    private static func matches(_ pattern: ArraySlice<Substring>, _ path: ArraySlice<Substring>) -> Bool {
        guard let head = pattern.first else { return path.isEmpty }
        if head == "**" {
            let rest = pattern.dropFirst()
            return (path.startIndex...path.endIndex).contains { matches(rest, path[$0...]) }
        }
        guard let segment = path.first, matchesSegment(Array(head), Array(segment)) else { return false }
        return matches(pattern.dropFirst(), path.dropFirst())
    }

    /// `*` and `?` matching within one segment.
    private static func matchesSegment(_ pattern: [Character], _ text: [Character]) -> Bool {
        guard let head = pattern.first else { return text.isEmpty }
        switch head {
        case "*":
            return (0...text.count).contains { matchesSegment(Array(pattern.dropFirst()), Array(text.dropFirst($0))) }
        case "?":
            return !text.isEmpty && matchesSegment(Array(pattern.dropFirst()), Array(text.dropFirst()))
        default:
            return text.first == head && matchesSegment(Array(pattern.dropFirst()), Array(text.dropFirst()))
        }
    }
}
