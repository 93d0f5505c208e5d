import Pipeline

// MARK: - Label events (`issues` and `pull_request` label actions)

extension EventResolution {
    /// The trigger labels an event added, worked out the way the payload allows.
    enum AddedTriggers {
        /// The added labels are known (GitHub `label`, Gitea `changes.added_labels`).
        case known(added: [String], triggers: [String])
        /// Only the resulting list is known; `triggers` are the trigger labels not yet handled.
        case inferred(triggers: [String])
    }

    func resolveIssueEvent() -> TriggerDecision {
        let workItem = payload.issueWorkItem
        guard ["labeled", "label_updated"].contains(payload.action ?? "") else {
            return actionNotHandled("adding a label (`labeled`, Gitea `label_updated`)", workItem: workItem)
        }
        guard let workItem else {
            return skip(.missingWorkItem, "The label event has no `issue.number`, so there is nothing to run on.")
        }
        return decideLabel(addedTriggers(in: "issue"), on: workItem) { name, meaning in
            operation(for: meaning, label: name, on: workItem)
        }
    }

    /// Applies the one-trigger-label rule and hands the single label to `route`.
    func decideLabel(
        _ added: AddedTriggers, on workItem: WorkItemRef,
        route: (String, LabelMeaning) -> TriggerDecision
    ) -> TriggerDecision {
        let triggers: [String]
        switch added {
        case .known(let names, let found):
            triggers = found
            if found.isEmpty {
                return skip(.notTriggerLabel, notTriggerReason(names), workItem: workItem)
            }
        case .inferred(let found):
            triggers = found
            if found.isEmpty {
                let intake = context.labels.name(for: .run(.intake, .run)) ?? "run:intake"
                return skip(
                    .noNewTriggerLabel,
                    "The payload lists only the resulting labels, and none of them is a trigger label that has not "
                        + "been handled yet. Add a trigger label such as `\(intake)` to start a stage.",
                    workItem: workItem)
            }
        }
        guard triggers.count == 1, let name = triggers.first, let meaning = context.labels.meaning(ofLabel: name) else {
            let names = triggers.map { "`\($0)`" }.joined(separator: ", ")
            return skip(
                .severalTriggerLabels,
                "Several new trigger labels at once (\(names)); Conveyor will not guess which to run. Remove all "
                    + "but one, or remove them all and add the one you want.", workItem: workItem)
        }
        return route(name, meaning)
    }

    /// What an added label asks for on an issue.
    func operation(for meaning: LabelMeaning, label: String, on workItem: WorkItemRef) -> TriggerDecision {
        switch meaning {
        case .run(let stage, let mode):
            return run(.stage(stage), mode: mode, on: workItem, source: .label(label))
        case .abort:
            return run(.abort, on: workItem, source: .label(label))
        case .rethink:
            guard let target = context.overrides.stage else {
                return skip(
                    .rethinkNeedsStage,
                    "`\(label)` needs a target stage. Comment `/rethink <stage>` on the item (one of "
                        + "\(StageName.allNamesList)).", workItem: workItem)
            }
            guard let stage = StageName(rawValue: target) else {
                return skip(
                    .invalidInput,
                    "The stage input `\(target)` for `\(label)` is not a stage. Use one of \(StageName.allNamesList).",
                    workItem: workItem)
            }
            return run(.rethink(to: stage), on: workItem, source: .label(label))
        case .state, .need:
            return skip(.notTriggerLabel, notTriggerReason([label]), workItem: workItem)
        }
    }

    /// The trigger labels added by this event; `object` is `issue` or `pull_request`.
    func addedTriggers(in object: String) -> AddedTriggers {
        let isTrigger = { (name: String) in context.labels.meaning(ofLabel: name)?.isTrigger == true }
        if payload.action == "labeled" {
            let added = payload.labelName.map { [$0] } ?? []
            return .known(added: added, triggers: added.filter(isTrigger))
        }
        if let added = payload.addedLabelNames {
            return .known(added: added, triggers: added.filter(isTrigger))
        }
        let handled = Set(context.handledLabels.map { $0.lowercased() })
        let fresh = payload.resultingLabelNames(of: object).filter { !handled.contains($0.lowercased()) }
        return .inferred(triggers: fresh.filter(isTrigger))
    }

    private func notTriggerReason(_ names: [String]) -> String {
        guard !names.isEmpty else {
            return "The label event names no added label, so there is nothing to run."
        }
        let list = names.map { "`\($0)`" }.joined(separator: ", ")
        let intake = context.labels.name(for: .run(.intake, .run)) ?? "run:intake"
        return "Added label \(list) is not a Conveyor trigger label under the current label names (e.g. `\(intake)`); "
            + "nothing to run."
    }
}
