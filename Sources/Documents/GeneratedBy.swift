/// Who wrote a document: the `generated_by` frontmatter key.
///
/// Written as a mapping (`generated_by: {agent: claude, model: …, run_id: …}`); a bare scalar
/// (`generated_by: offline`) is read as the agent alone.
public struct GeneratedBy: Sendable, Hashable {
    /// The agent, e.g. `claude`, `codex`, `offline`.
    public var agent: String
    /// The model the agent used, when known.
    public var model: String?
    /// The Conveyor run that produced the document, when known.
    public var runID: String?

    /// Creates a record of the agent, model and run.
    public init(agent: String, model: String? = nil, runID: String? = nil) {
        self.agent = agent
        self.model = model
        self.runID = runID
    }
}
