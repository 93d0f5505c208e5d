import Foundation

/// A batch of changes a writer has shared on the remote, in a reference of its own, so that whichever writer
/// pushes the state branch next folds it into its commit (ADR 0008).
///
/// A writer that loses a push race pushes its batch to `refs/conveyor/batches/<branch>/<id>` (a new name, so no
/// race) and goes on with its own rounds. Every writer folds the batches it fetched into its commit, after its own
/// changes, each in a savepoint: a batch that fails (a held lease, an unknown run) is left out and the rest go on.
/// The owner stays in charge of its batch: each round it applies its own changes to the tip it fetched, and when
/// they change nothing, someone folded them and it is done. Folding only lets one push land many writers'
/// changes, so a burst of jobs costs a few rounds instead of one serialised round per write.
struct StateBatch: Codable, Sendable {
    /// Unique per batch; the last component of its reference.
    var id: String
    /// The commit message the owner would have used.
    var message: String
    /// When the owner made the batch; folding goes oldest first.
    var createdAt: Date
    /// For a batch that claims a lease: the last moment another writer may fold it. Its owner gives up (exit 75,
    /// "nothing was done") at its deadline, so a claim folded after that would invent a started run that no job
    /// works on; other writers stop folding it ``StateWriteOptions/claimFoldMargin`` before the owner's deadline.
    /// Nil for other batches,
    /// which stay foldable: their owner saved them to a pending file, and applying them twice changes nothing.
    var foldableUntil: Date?
    /// The changes, applied in order, exactly as another writer decodes them (``storedForm(of:)``).
    var changes: [StateChange]

    /// The file holding the batch in its reference's commit.
    static let file = "batch.json"

    /// A new batch of `changes`; a claim is foldable by others until `margin` before `deadline` from now.
    init(changes: [StateChange], message: String, deadline: Duration, margin: Duration, now: Date = Date()) {
        id = UUID().uuidString.lowercased()
        self.message = message
        createdAt = now
        self.changes = Self.storedForm(of: changes)
        let window = deadline - margin
        let seconds = Double(window.components.seconds) + Double(window.components.attoseconds) / 1e18
        foldableUntil = changes.contains(where: \.isClaim) ? now.addingTimeInterval(seconds) : nil
    }

    /// `changes` as they read back from a shared batch: times kept to the millisecond. The owner applies this form,
    /// not its own finer clock readings, so a batch someone else folded is a no-op when its owner applies it:
    /// otherwise a lease's expiry computed from a full-precision `now` differs from the folded one's in its last
    /// millisecond about half the time, the owner's claim "changes" the tip again, and it pushes a commit of its
    /// own after all (measured: half of a 32-job burst's folded claims).
    static func storedForm(of changes: [StateChange]) -> [StateChange] {
        guard let data = try? StateJSON.encoder().encode(changes),
            let decoded = try? StateJSON.decoder().decode([StateChange].self, from: data)
        else { return changes }
        return decoded
    }

    /// True when another writer may fold the batch at `now`.
    func isFoldable(at now: Date) -> Bool {
        foldableUntil.map { now < $0 } ?? true
    }

    /// The batch as stored in its reference.
    func encoded() throws -> Data {
        try StateJSON.encoder().encode(self)
    }

    /// Decodes a stored batch.
    static func decode(_ data: Data) throws -> StateBatch {
        try StateJSON.decoder().decode(StateBatch.self, from: data)
    }
}
