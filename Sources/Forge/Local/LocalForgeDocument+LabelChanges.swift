import Foundation

extension LocalForgeDocument {
    /// The repository label named `name`, compared without case.
    func label(named name: String) -> LabelEntry? {
        labels.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// The labels on issue `number`, in the order they were added.
    func labels(onIssue number: Int) throws(LocalForgeFailure) -> [LabelEntry] {
        try issues[issueIndex(number)].labels.map { name in
            // A name without a repository label only appears in a hand-edited file; it is shown, not dropped.
            label(named: name) ?? LabelEntry(id: 0, name: name)
        }
    }

    /// The repository label named `name` (without case), created with the next id when missing; the
    /// log names `actor` when one is given.
    mutating func ensureLabel(
        _ name: String, color: String? = nil, description: String? = nil, by actor: String?, at date: Date
    ) throws(LocalForgeFailure) -> LabelEntry {
        try LocalForgeFailure.require(name, "label name")
        if let existing = label(named: name) { return existing }
        counters.lastLabelID += 1
        let label = LabelEntry(id: counters.lastLabelID, name: name, color: color, description: description)
        labels.append(label)
        log("label.created", "\"\(name)\" (id \(label.id))" + (actor.map { " by \($0)" } ?? ""), at: date)
        return label
    }

    /// Adds labels by name to issue `number`, creating missing repository labels as GitHub does.
    /// A label already on the issue is left as it is.
    mutating func addLabels(
        _ names: [String], toIssue number: Int, by actor: String, at date: Date
    ) throws(LocalForgeFailure) -> [LabelEntry] {
        let index = try issueIndex(number)
        for name in names {
            let label = try ensureLabel(name, by: actor, at: date)
            guard !issues[index].labels.contains(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) else {
                continue
            }
            issues[index].labels.append(label.name)
            log("label.added", "\"\(label.name)\" to issue #\(number) by \(actor)", at: date)
        }
        return try labels(onIssue: number)
    }

    /// Removes the label named `name` (without case) from issue `number`; a label not there is no change.
    mutating func removeLabel(_ name: String, fromIssue number: Int, by actor: String, at date: Date)
        throws(LocalForgeFailure)
    {
        try LocalForgeFailure.require(name, "label name")
        let index = try issueIndex(number)
        guard let position = issues[index].labels.firstIndex(where: { $0.caseInsensitiveCompare(name) == .orderedSame })
        else { return }
        let removed = issues[index].labels.remove(at: position)
        log("label.removed", "\"\(removed)\" from issue #\(number) by \(actor)", at: date)
    }
}
