public import Foundation

/// The saved state of one flow instance (``StateChange/saveFlow(_:)``): a row of `flows`.
///
/// A save only ever moves a flow forward: it is applied when its ``revision`` is greater than the stored one, so
/// a replay after a lost push race, or a slower heartbeat saving an older revision, changes nothing.
public struct FlowRecord: Codable, Sendable, Equatable {
    /// The flow's kind, e.g. `release-train`.
    public var flow: String
    /// Which run of the flow, e.g. the ISO week `2026-W49`; unique per ``flow``.
    public var instance: String
    /// The state name, e.g. `WAIT_START_APPROVAL`.
    public var state: String
    /// The number of transitions saved so far; a save with a revision not above the stored one is ignored.
    public var revision: Int
    /// What the flow's later steps need, as a JSON object text.
    public var dataJSON: String
    /// When the flow started.
    public var startedAt: Date
    /// When this revision was saved.
    public var updatedAt: Date
    /// When the heartbeat next needs to look at the flow; nil: at every tick.
    public var nextCheckAt: Date?
    /// When the flow ended; nil while it runs.
    public var closedAt: Date?

    /// Creates a record.
    public init(
        flow: String, instance: String, state: String, revision: Int, dataJSON: String, startedAt: Date,
        updatedAt: Date, nextCheckAt: Date? = nil, closedAt: Date? = nil
    ) {
        self.flow = flow
        self.instance = instance
        self.state = state
        self.revision = revision
        self.dataJSON = dataJSON
        self.startedAt = startedAt
        self.updatedAt = updatedAt
        self.nextCheckAt = nextCheckAt
        self.closedAt = closedAt
    }
}

/// A row of `links` (``StateChange/recordLink(_:)``): e.g. the release train `release-train/2026-W49` manages the
/// work item `owner/repo#12`. Recording it twice keeps one row.
public struct LinkRecord: Codable, Sendable, Equatable {
    /// The source's kind, e.g. `flow`.
    public var sourceType: String
    /// The source's id, e.g. `release-train/2026-W49`.
    public var sourceID: String
    /// The destination's kind, e.g. `work_item`.
    public var destinationType: String
    /// The destination's id, e.g. `owner/repo#12`.
    public var destinationID: String
    /// The relation, e.g. `release-manager`.
    public var linkType: String
    /// When it was recorded.
    public var at: Date

    /// Creates a link.
    public init(
        sourceType: String, sourceID: String, destinationType: String, destinationID: String, linkType: String,
        at: Date
    ) {
        self.sourceType = sourceType
        self.sourceID = sourceID
        self.destinationType = destinationType
        self.destinationID = destinationID
        self.linkType = linkType
        self.at = at
    }
}
