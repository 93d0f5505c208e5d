import Forge

/// What `conveyor labels sync` does to a repository's labels: the plan computed from the labels it has, and the
/// calls that carry it out.
///
/// The plan is pure, so `--dry-run` prints exactly what a real run would send, and a second run after a real one
/// plans nothing (every label already matches).
public struct LabelSync: Sendable {
    /// One change to one label.
    public enum Change: Sendable, Hashable, CustomStringConvertible {
        /// The repository has no label of this name.
        case create(LabelContent)
        /// A label of this name (in any case) differs in name case, colour or description.
        case update(Label, LabelContent)
        /// A label an earlier sync made whose name is no longer in the palette (only with `prune`).
        case delete(Label)

        /// `create run:intake (1d76db) — start "idea/project": …`, one line for the log.
        public var description: String {
            switch self {
            case .create(let content): "create \(content.name) (#\(content.color)) — \(content.description)"
            case .update(let existing, let content):
                "update \(existing.name): " + Self.differences(existing, content).joined(separator: ", ")
            case .delete(let label): "delete \(label.name) (retired Conveyor label)"
            }
        }

        private static func differences(_ existing: Label, _ content: LabelContent) -> [String] {
            var parts: [String] = []
            if existing.name != content.name { parts.append("name → \(content.name)") }
            let colour = LabelContent.normalisedColour(existing.color ?? "")
            if colour != content.color { parts.append("colour #\(colour) → #\(content.color)") }
            if (existing.description ?? "") != content.description {
                parts.append("description → \(content.description)")
            }
            return parts
        }
    }

    /// The changes, in palette order, deletions last.
    public let changes: [Change]
    /// Labels that already match, by name.
    public let unchanged: [String]
    /// Semantic labels the repository already has in its own style, left alone.
    public let kept: [String]

    /// Plans the changes that make `existing` carry every label of `palette`; with `prune`, also deletes the
    /// labels carrying ``LabelPalette/marker`` that the palette no longer names.
    public init(palette: LabelPalette, existing: [Label], prune: Bool) {
        var byName: [String: Label] = [:]
        for label in existing { byName[label.name.lowercased()] = label }
        var changes: [Change] = []
        var unchanged: [String] = []
        var kept: [String] = []
        for entry in palette.entries {
            let content = entry.content
            guard let label = byName[content.name.lowercased()] else {
                changes.append(.create(content))
                continue
            }
            if content.matches(label) {
                unchanged.append(content.name)
            } else if entry.claimsExisting || LabelPalette.isConveyors(label) {
                changes.append(.update(label, content))
            } else {
                kept.append(label.name)
            }
        }
        if prune {
            let wanted = Set(palette.entries.map { $0.content.name.lowercased() })
            for label in existing where LabelPalette.isConveyors(label) && !wanted.contains(label.name.lowercased()) {
                changes.append(.delete(label))
            }
        }
        self.changes = changes
        self.unchanged = unchanged
        self.kept = kept
    }

    /// Sends the changes in order and returns the ones done; stops at the first failure.
    ///
    /// - Throws: ``ForgeError`` of the failing call, e.g. `forbidden` naming `issues: write` for a read-only token.
    @discardableResult
    public func apply(to labels: RepositoryLabels) async throws(ForgeError) -> [Change] {
        for change in changes {
            switch change {
            case .create(let content): _ = try await labels.create(content)
            case .update(let existing, let content): _ = try await labels.update(existing, to: content)
            case .delete(let label): try await labels.delete(label)
            }
        }
        return changes
    }
}
