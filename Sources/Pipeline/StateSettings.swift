/// Where the state database lives.
public struct StateSettings: Sendable, Hashable {
    /// The branch that holds the database.
    public var branch: String
    /// The database file's path on that branch.
    public var file: String

    /// Creates settings; the defaults are `conveyor/state` and `state.sqlite`.
    public init(branch: String = "conveyor/state", file: String = "state.sqlite") {
        self.branch = branch
        self.file = file
    }
}
