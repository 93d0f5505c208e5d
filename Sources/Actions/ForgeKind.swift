/// The forge whose Actions runner started this process.
public enum ForgeKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// github.com or GitHub Enterprise Server.
    case github
    /// Gitea or Forgejo (REST under `/api/v1`).
    case gitea

    public var description: String { rawValue }
}
