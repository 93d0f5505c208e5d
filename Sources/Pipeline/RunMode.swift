/// How a stage run relates to earlier runs of the same stage on the same work item.
public enum RunMode: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// A first run, or a fresh run after earlier ones finished.
    case run
    /// Another round that addresses the owner's findings on the previous output.
    case revise
    /// Run again from the start, e.g. after an infrastructure failure.
    case rerun
    /// Continue from the last checkpoint without repeating side effects.
    case resume

    public var description: String { rawValue }

    /// The modes a person may ask for (`--mode`, the `mode` input of a manual run); `revise` comes only from a
    /// revise label or `/revise`.
    public static let manualModes: [RunMode] = [.run, .rerun, .resume]
}
