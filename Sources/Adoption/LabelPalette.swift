import Forge
import Pipeline

/// The labels `conveyor labels sync` keeps in a repository: every label of the ``LabelCatalog`` under its current
/// name, plus the semantic labels of the plans (`feature`, `bug`, `doc`, `debt`, `idea`, `epic`), each with a colour
/// and a one-line description ending in ``marker``.
///
/// The marker is how a later sync knows a label is Conveyor's: `--prune` deletes only labels whose description
/// ends with it and whose name is no longer in the palette, never a label a person made.
public struct LabelPalette: Sendable {
    /// Appended to every description Conveyor writes, e.g. `run:abort — abort: close the PR … [conveyor]`.
    public static let marker = " [conveyor]"
    /// GitHub's limit on a label description, in characters.
    public static let descriptionLimit = 100

    /// One label the palette wants, and whether an existing label of that name may be changed to match.
    public struct Entry: Sendable, Hashable {
        /// Name, colour and description to converge to.
        public let content: LabelContent
        /// False for semantic labels: a repository's own `bug` label is left as it is, unless an earlier sync
        /// made it (its description carries the marker).
        public let claimsExisting: Bool
    }

    /// Every label, catalogue order first, then the semantic labels.
    public let entries: [Entry]

    /// The palette for `catalog` (names resolved from the repository variables).
    public init(catalog: LabelCatalog) {
        let conveyor = catalog.entries.map { entry in
            Entry(
                content: LabelContent(
                    name: entry.name, color: Self.colour(of: entry.definition.meaning),
                    description: Self.describe(entry.definition.summary)),
                claimsExisting: true)
        }
        let taken = Set(conveyor.map { $0.content.name.lowercased() })
        let semantic = Self.semanticLabels.filter { !taken.contains($0.0) }.map { name, colour, summary in
            Entry(
                content: LabelContent(name: name, color: colour, description: Self.describe(summary)),
                claimsExisting: false)
        }
        entries = conveyor + semantic
    }

    /// True when `label`'s description says an earlier sync wrote it.
    public static func isConveyors(_ label: Label) -> Bool {
        (label.description ?? "").hasSuffix(marker)
    }

    /// `summary` with the marker, cut with `…` so that the whole stays within ``descriptionLimit``.
    static func describe(_ summary: String) -> String {
        let room = descriptionLimit - marker.count
        guard summary.count > room else { return summary + marker }
        return String(summary.prefix(room - 1)) + "…" + marker
    }

    /// One hue per kind of label, so a board reads at a glance: start labels blue, revise purple, abort red,
    /// rethink yellow, states grey-blue (approved green), needs orange.
    static func colour(of meaning: LabelMeaning) -> String {
        switch meaning {
        case .run(_, .revise): "5319e7"
        case .run: "1d76db"
        case .abort: "b60205"
        case .rethink: "fbca04"
        case .state(.approved): "0e8a16"
        case .state(.blocked): "d93f0b"
        case .state: "c5def5"
        case .need(.input): "e99695"
        case .need: "f9d0c4"
        }
    }

    /// The semantic labels of the plans (seeds G4): name, colour, description.
    static let semanticLabels: [(String, String, String)] = [
        ("feature", "a2eeef", "new product functionality"),
        ("bug", "d73a4a", "fix of a defect in existing behaviour"),
        ("doc", "0075ca", "create or update documentation"),
        ("debt", "cfd3d7", "technical debt: refactoring, standards alignment, dependency updates"),
        ("idea", "fef2c0", "hypothesis or research before it is in the plan"),
        ("epic", "3e4b9e", "large initiative grouping related tasks"),
    ]
}
