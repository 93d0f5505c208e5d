import Foundation
import GRDB

extension StateChangeApplier {
    /// Inserts the flow, or replaces it when the save's revision is newer than the stored one.
    func saveFlow(_ record: FlowRecord) throws -> StateChangeOutcome {
        let changed = try execute(
            """
            INSERT INTO flows
                (flow, instance, state, revision, data_json, started_at, updated_at, next_check_at, closed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (flow, instance) DO UPDATE SET
                state = excluded.state, revision = excluded.revision, data_json = excluded.data_json,
                updated_at = excluded.updated_at, next_check_at = excluded.next_check_at,
                closed_at = excluded.closed_at
            WHERE excluded.revision > flows.revision
            """,
            [
                record.flow, record.instance, record.state, record.revision, record.dataJSON,
                StateTimestamp.text(record.startedAt), StateTimestamp.text(record.updatedAt),
                record.nextCheckAt.map(StateTimestamp.text), record.closedAt.map(StateTimestamp.text),
            ])
        return outcome(changed: changed)
    }

    /// Inserts the link unless it is recorded.
    func recordLink(_ link: LinkRecord) throws -> StateChangeOutcome {
        let changed = try execute(
            """
            INSERT INTO links (src_type, src_id, dst_type, dst_id, link_type, created_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """,
            [
                link.sourceType, link.sourceID, link.destinationType, link.destinationID, link.linkType,
                StateTimestamp.text(link.at),
            ])
        return outcome(changed: changed)
    }
}
