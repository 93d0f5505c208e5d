// MARK: - The exclusive set of outcome labels

extension LabelCatalog {
    /// True for the labels that say where a work item stands after a run: every `state:*` label and `need:input`.
    ///
    /// They form one exclusive set: an item carries at most one of them, so setting one removes the others
    /// (a run that failed left `state:blocked`; the passing run after it must not leave `state:blocked` beside
    /// `state:in-review`). `need:input` belongs to the set because it is the `needs_input` verdict's answer to
    /// the same question; the other `need:*` labels (pm, sa, qa, sre) are set by people and left alone.
    public static func isOutcome(_ meaning: LabelMeaning) -> Bool {
        switch meaning {
        case .state: true
        case .need(let need): need == .input
        case .run, .abort, .rethink: false
        }
    }

    /// The labels to remove from an item that carries `current` when the outcome label for `meaning` is set:
    /// every other outcome label it carries, under the names in force, as the item spells them.
    ///
    /// ```swift
    /// catalog.outcomeLabelsReplaced(by: .state(.inReview), on: ["bug", "state:blocked", "need:input"])
    /// // ["state:blocked", "need:input"]
    /// ```
    public func outcomeLabelsReplaced(by meaning: LabelMeaning, on current: [String]) -> [String] {
        current.filter { name in
            guard let other = self.meaning(ofLabel: name) else { return false }
            return Self.isOutcome(other) && other != meaning
        }
    }
}
