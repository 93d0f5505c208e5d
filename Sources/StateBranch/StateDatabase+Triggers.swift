import GRDB
import Store

extension StateDatabase {
    /// The labels whose runs state has recorded for one work item (runs started by `label NAME` triggers).
    ///
    /// On Gitea a `label_updated` payload may carry only the resulting label list; a label in that list and not
    /// in this set is the one just added.
    public func handledLabels(on workItem: WorkItemKey) async throws -> Set<String> {
        let prefix = "label "
        let triggers = try await read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT r.trigger_source FROM runs r JOIN work_items w ON w.id = r.work_item
                    WHERE w.repository = ? AND w.number = ? AND r.trigger_source LIKE 'label %'
                    """, arguments: [workItem.repository, workItem.number])
        }
        return Set(triggers.map { String($0.dropFirst(prefix.count)) })
    }
}
