import Actions
import Forge
import Foundation
import Pipeline
import StateBranch

/// One heartbeat's work on one train: fires rows of ``ReleaseTrainFlow/table`` and performs their actions.
struct TrainRun {
    let context: ReleaseTrain.Context
    let week: String
    private(set) var state: ReleaseTrainFlow.State
    private(set) var data: ReleaseTrainData
    private(set) var revision: Int
    let startedAt: Date
    let now: Date
    private(set) var lines: [String] = []
    private var events: [StateChange] = []
    private var comments: [IssueComment]?
    private var authorized: [String: AuthorizationDecision] = [:]

    init(
        context: ReleaseTrain.Context, week: String, state: ReleaseTrainFlow.State, data: ReleaseTrainData,
        revision: Int, startedAt: Date, now: Date
    ) {
        self.context = context
        self.week = week
        self.state = state
        self.data = data
        self.revision = revision
        self.startedAt = startedAt
        self.now = now
    }

    private var flowID: String { "\(ReleaseTrainFlow.name)/\(week)" }

    // MARK: - Driving the table

    /// Fires `proceed` until nothing answers, then reads the release issue's new comments as commands, each
    /// followed by `proceed` again.
    mutating func advance() async throws {
        try await proceed()
        guard let issue = data.issue, state != .readyForBranchCut else { return }
        for comment in try await issueComments(issue) where comment.id > data.cursor {
            data.cursor = comment.id
            guard !isOwn(comment), !comment.author.isBot, let command = TrainCommand(comment: comment.body) else {
                continue
            }
            let decision = try await authorize(comment.author)
            guard decision.isAllowed else {
                try await reply(
                    to: comment,
                    "@\(comment.author.login) only people with write access can steer the release train; "
                        + "nothing was changed.")
                continue
            }
            try await fire(command.event, sender: comment, command: command)
            try await proceed()
        }
        // Conveyor's own replies and messages are never commands: read past them too.
        data.cursor = max(data.cursor, comments?.map(\.id).max() ?? 0)
    }

    private mutating func proceed() async throws {
        while state != .readyForBranchCut {
            guard try await fire(.proceed) else { return }
        }
    }

    /// Fires `event`, which carries no command (`startDue`, `proceed`); false when no row answers it.
    @discardableResult
    mutating func fire(_ event: ReleaseTrainFlow.Event) async throws -> Bool {
        try await fire(event, sender: nil, command: nil)
    }

    @discardableResult
    private mutating func fire(
        _ event: ReleaseTrainFlow.Event, sender comment: IssueComment?, command: TrainCommand?
    ) async throws -> Bool {
        let snapshot = self
        guard
            let row = await ReleaseTrainFlow.table.transition(
                from: state, on: event, where: { snapshot.holds($0, command: command, sender: comment) })
        else { return false }
        let from = state
        for action in row.actions {
            try await perform(action, command: command, comment: comment)
        }
        state = row.to
        if from != row.to { data.entered[row.to.rawValue] = now }
        revision += 1
        let actor = comment?.author.login
        var payload: [String: String] = [
            "from": from.rawValue, "to": row.to.rawValue, "event": event.rawValue, "version": "\(data.version)",
        ]
        payload["actor"] = actor
        if let comment { payload["comment"] = String(comment.id) }
        let payloadText =
            (try? JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys])).map {
                String(decoding: $0, as: UTF8.self)
            } ?? "{}"
        events.append(
            .appendFlowEvent(
                FlowEventRecord(
                    idempotencyKey: "\(flowID):\(revision)", correlationID: flowID,
                    actorType: actor == nil ? "conveyor" : "user", actorID: actor, eventType: "flow.transition",
                    payloadJSON: payloadText, at: now)))
        let by = actor.map { " (\(event.rawValue) by @\($0))" } ?? ""
        lines.append(
            from == row.to
                ? "release-train \(week): \(row.actions.map(\.rawValue).joined(separator: ", ")) in \(from.rawValue)\(by)"
                : "release-train \(week): \(from.rawValue) → \(row.to.rawValue)\(by)")
        return true
    }

    private func holds(_ condition: ReleaseTrainFlow.Guard, command: TrainCommand?, sender: IssueComment?) -> Bool {
        switch condition {
        case .versionValid:
            if case .version(let text) = command { return SemanticVersion(text) != nil }
            return false
        case .senderLeadsTeam:
            guard case .ready(let name) = command, let login = sender?.author.login,
                let team = context.settings.teams.first(where: { $0.name.lowercased() == name.lowercased() })
            else { return false }
            return team.leads.contains { $0.lowercased() == login.lowercased() }
        case .allTeamsReady:
            return context.settings.teams.allSatisfy { data.readiness[$0.name] != nil }
        }
    }

    // MARK: - Actions

    private mutating func perform(_ action: ReleaseTrainFlow.Action, command: TrainCommand?, comment: IssueComment?)
        async throws
    {
        switch action {
        case .openReleaseIssue: try await openReleaseIssue()
        case .askStartApproval, .renderStartApproval:
            data.approvalComment = try await render(
                "approval", TrainMessages.approval(week: week, data: data), known: data.approvalComment, step: action)
        case .setVersion:
            if case .version(let text) = command, let version = SemanticVersion(text) { data.version = version }
        case .retitleReleaseIssue: try await retitleReleaseIssue()
        case .replyBadVersion:
            if let comment, case .version(let text) = command {
                let shown = text.isEmpty ? "nothing" : "`\(text.replacingOccurrences(of: "`", with: "'"))`"
                try await reply(
                    to: comment,
                    "@\(comment.author.login) \(shown) is not a semantic version (write e.g. `/version 2.8.0` or "
                        + "`/version 3.0.0-rc.1`); the proposed version stays \(data.version).")
            }
        case .recordApproval:
            data.approvedBy = comment?.author.login
            data.approvalComment = try await render(
                "approval", TrainMessages.approval(week: week, data: data), known: data.approvalComment, step: action)
        case .linkReleaseItem:
            if let issue = data.issue {
                events.append(
                    .recordLink(
                        LinkRecord(
                            sourceType: "flow", sourceID: flowID, destinationType: "work_item",
                            destinationID: "\(context.forge.repository)#\(issue)", linkType: "release-manager",
                            at: now)))
            }
        case .labelReleaseItem: try await labelReleaseItem()
        case .createMilestones: try await createMilestones()
        case .askMeetingConfirmation: try await askMeetingConfirmation()
        case .askReadiness, .renderReadiness:
            let teams = context.settings.teams.map { (name: $0.name, leads: $0.leads) }
            data.readinessComment = try await render(
                "readiness",
                TrainMessages.readiness(week: week, version: data.version, teams: teams, ready: data.readiness),
                known: data.readinessComment, step: action)
        case .markTeamReady:
            if case .ready(let name) = command, let login = comment?.author.login,
                let team = context.settings.teams.first(where: { $0.name.lowercased() == name.lowercased() }),
                data.readiness[team.name] == nil
            {
                data.readiness[team.name] = .init(by: login, at: now)
            }
        case .replyNotLead:
            if let comment, case .ready(let name) = command {
                let known = context.settings.teams.map { "`\($0.name)`" }.joined(separator: ", ")
                let text =
                    context.settings.teams.contains { $0.name.lowercased() == name.lowercased() }
                    ? "@\(comment.author.login) only the leads of `\(name)` can confirm its readiness; nothing was changed."
                    : "@\(comment.author.login) there is no team `\(name)` in this train (teams: \(known)); nothing was changed."
                try await reply(to: comment, text)
            }
        case .announceBranchCut:
            data.announcementComment = try await render(
                "branch-cut", TrainMessages.branchCut(week: week, version: data.version),
                known: data.announcementComment, step: action)
        case .closeTrain:
            break
        }
    }

    private mutating func openReleaseIssue() async throws {
        if data.issue != nil { return }
        let title = TrainMessages.issueTitle(data.version)
        let existing = try await timed("open-release-issue", "forge.openIssues") {
            try await context.forge.openIssues(labels: []).first { $0.title == title }
        }
        if let existing {
            data.issue = existing.number
            lines.append("release-train \(week): reusing #\(existing.number) \"\(title)\"")
        } else {
            let issue = try await timed("open-release-issue", "forge.createIssue") {
                try await context.forge.createIssue(title: title, body: TrainMessages.issueBody(week: week))
            }
            data.issue = issue.number
            lines.append("release-train \(week): opened #\(issue.number) \"\(title)\"")
        }
        // Commands written before the train asked anything do not count.
        if let issue = data.issue { data.cursor = try await issueComments(issue).map(\.id).max() ?? 0 }
    }

    /// The release issue is the one state recorded (never looked up by title, which this changes); it is read first,
    /// so a heartbeat that repeats one whose rename already happened writes nothing.
    private mutating func retitleReleaseIssue() async throws {
        guard let issue = data.issue else { return }
        let title = TrainMessages.issueTitle(data.version)
        let current = try await timed("retitle-release-issue", "forge.issue") { try await context.forge.issue(issue) }
        guard current.title != title else { return }
        _ = try await timed("retitle-release-issue", "forge.updateIssue") {
            try await context.forge.updateIssue(issue, IssueUpdate(title: title))
        }
        lines.append("release-train \(week): renamed #\(issue) \"\(current.title)\" to \"\(title)\"")
    }

    private mutating func labelReleaseItem() async throws {
        guard let issue = data.issue, !context.settings.labels.isEmpty else { return }
        let carried = try await timed("label-release-item", "forge.labels") {
            try await context.forge.labels(onIssue: issue)
        }
        let missing = context.settings.labels.filter { name in !carried.contains { $0.isNamed(name) } }
        guard !missing.isEmpty else { return }
        _ = try await timed("label-release-item", "forge.addLabels") {
            try await context.forge.addLabels(missing, toIssue: issue)
        }
        lines.append("release-train \(week): labelled #\(issue) \(missing.joined(separator: ", "))")
    }

    private var repositories: [RepositorySlug] {
        let named = context.settings.repositories.compactMap { try? RepositorySlug(parsing: $0) }
        return named.isEmpty ? [context.forge.repository] : named
    }

    private func client(_ repository: RepositorySlug) -> any ForgeClient {
        repository == context.forge.repository ? context.forge : context.client(repository)
    }

    private mutating func createMilestones() async throws {
        let title = "\(data.version)"
        for repository in repositories where data.milestones["\(repository)"] == nil {
            let client = client(repository)
            let found = try await timed("create-milestones", "forge.milestones") {
                try await client.milestones().first { $0.title == title }
            }
            if let found {
                data.milestones["\(repository)"] = found.number
                lines.append("release-train \(week): milestone \(title) already in \(repository)")
                continue
            }
            let created = try await timed("create-milestones", "forge.createMilestone") {
                try await client.createMilestone(title: title, description: "Release \(title), release train \(week).")
            }
            data.milestones["\(repository)"] = created.number
            lines.append("release-train \(week): created milestone \(title) in \(repository)")
        }
    }

    private mutating func askMeetingConfirmation() async throws {
        guard let issue = data.issue else { return }
        let marker = TrainMessages.marker(week, "meeting")
        if data.meetingComment == nil,
            let found = try await issueComments(issue).first(where: { ownMessage($0, marker) })
        {
            data.meetingComment = found.id
        }
        guard data.meetingComment == nil else { return }
        var links: [(String, String)] = []
        for repository in repositories {
            let client = client(repository)
            let info = try await timed("ask-meeting-confirmation", "forge.repositoryInfo") {
                try await client.repositoryInfo()
            }
            let web = info.htmlURL ?? "\(repository)"
            links.append(
                (
                    "\(repository)",
                    TrainMessages.milestoneSearch(
                        kind: client.kind, web: web, version: data.version,
                        number: data.milestones["\(repository)"] ?? 0)
                ))
        }
        data.meetingComment = try await render(
            "meeting", TrainMessages.meeting(week: week, version: data.version, links: links), known: nil,
            step: .askMeetingConfirmation)
    }

    // MARK: - Messages

    /// Posts the message `role` with `body`, or edits the one already posted (found by `known` id or its marker)
    /// when its text differs. Returns its id.
    private mutating func render(
        _ role: String, _ body: String, known: Int?, step: ReleaseTrainFlow.Action
    ) async throws -> Int? {
        guard let issue = data.issue else { return nil }
        let marker = TrainMessages.marker(week, role)
        let all = try await issueComments(issue)
        let existing =
            all.first { $0.id == known && $0.body.contains(marker) } ?? all.first { ownMessage($0, marker) }
        if let existing {
            guard comparable(existing.body) != comparable(body) else { return existing.id }
            let edited = try await timed(step.rawValue, "forge.updateComment") {
                try await context.forge.updateComment(id: existing.id, body: body)
            }
            remember(edited)
            lines.append("release-train \(week): updated the \(role) message on #\(issue)")
            return edited.id
        }
        let posted = try await timed(step.rawValue, "forge.createComment") {
            try await context.forge.createComment(onIssue: issue, body: body)
        }
        remember(posted)
        lines.append("release-train \(week): posted the \(role) message on #\(issue)")
        return posted.id
    }

    /// Replies to `comment` once: a reply carries the comment's id in its marker.
    private mutating func reply(to comment: IssueComment, _ text: String) async throws {
        guard let issue = data.issue else { return }
        let marker = TrainMessages.marker(week, "reply:\(comment.id)")
        guard try await !issueComments(issue).contains(where: { ownMessage($0, marker) }) else { return }
        let posted = try await timed("reply", "forge.createComment") {
            try await context.forge.createComment(
                onIssue: issue, body: TrainMessages.reply(week: week, commentID: comment.id, text: text))
        }
        remember(posted)
        lines.append("release-train \(week): replied to comment \(comment.id) by @\(comment.author.login)")
    }

    private mutating func issueComments(_ issue: Int) async throws -> [IssueComment] {
        if let comments { return comments }
        let read = try await timed("read-comments", "forge.comments") {
            try await context.forge.comments(onIssue: issue)
        }
        comments = read
        return read
    }

    private mutating func remember(_ comment: IssueComment) {
        guard var known = comments else { return }
        if let index = known.firstIndex(where: { $0.id == comment.id }) {
            known[index] = comment
        } else {
            known.append(comment)
        }
        comments = known
    }

    /// A comment of Conveyor's carrying `marker`. Anyone can paste a marker, so only Conveyor's logins (and bots,
    /// which is what the job tokens act as) count; a message already recorded in state is found by its id instead.
    private func ownMessage(_ comment: IssueComment, _ marker: String) -> Bool {
        comment.body.contains(marker) && isOwn(comment)
    }

    /// True for a comment by one of Conveyor's logins or by a bot.
    private func isOwn(_ comment: IssueComment) -> Bool {
        let login = comment.author.login.lowercased()
        return comment.author.isBot || context.selfLogins.contains { $0.lowercased() == login }
    }

    private func comparable(_ body: String) -> String {
        var text = body.replacingOccurrences(of: "\r\n", with: "\n")
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }

    private mutating func authorize(_ sender: Account) async throws -> AuthorizationDecision {
        if let known = authorized[sender.login.lowercased()] { return known }
        let decision = await timed("authorize", "forge.permission") {
            await Authorizer(permissions: context.forge).authorize(sender: sender, selfLogins: context.selfLogins)
        }
        let unsettled: Bool =
            switch decision {
            case .denied(_, let retryable): retryable
            case .tokenRejected: true
            case .allowed: false
            }
        if unsettled {
            throw ForgeError(
                code: .unavailable, operation: "read the permission of \(sender.login)", forge: context.forge.kind,
                repository: context.forge.repository, detail: "The forge did not answer; the next heartbeat retries.")
        }
        authorized[sender.login.lowercased()] = decision
        return decision
    }

    /// Runs one forge call of `step` and logs it (one JSON line: version, step, tool, result, latency), failed or not.
    private func timed<T>(_ step: String, _ tool: String, _ body: () async throws -> T) async rethrows -> T {
        let started = ContinuousClock.now
        do {
            let value = try await body()
            await log(step, tool, result: "ok", since: started)
            return value
        } catch {
            let code = (error as? ForgeError).map { "\($0.code)" } ?? "failed"
            await log(step, tool, result: "error: \(code)", since: started)
            throw error
        }
    }

    private func log(_ step: String, _ tool: String, result: String, since started: ContinuousClock.Instant) async {
        await context.log.record(
            flow: ReleaseTrainFlow.name, instance: week, version: "\(data.version)", step: step, tool: tool,
            result: result, latency: ContinuousClock.now - started)
    }

    // MARK: - State

    /// The flow row to save and the events, or nothing when this heartbeat changed nothing.
    func changes(previous: FlowRecord?) -> [StateChange] {
        let interval = context.settings.checkIntervalMinutes[state.rawValue]
        let nextCheck = state.isWaiting ? now.addingTimeInterval(Double(interval ?? 15) * 60) : nil
        let closed = state == .readyForBranchCut ? (previous?.closedAt ?? now) : nil
        let dataJSON = data.json()
        if let previous, previous.state == state.rawValue, previous.dataJSON == dataJSON, events.isEmpty,
            previous.nextCheckAt == nextCheck || (previous.nextCheckAt.map { $0 > now } ?? false)
        {
            return []
        }
        let record = FlowRecord(
            flow: ReleaseTrainFlow.name, instance: week, state: state.rawValue,
            revision: max(revision, (previous?.revision ?? 0) + 1), dataJSON: dataJSON,
            startedAt: previous?.startedAt ?? startedAt, updatedAt: now, nextCheckAt: nextCheck, closedAt: closed)
        return events + [.saveFlow(record)]
    }
}
