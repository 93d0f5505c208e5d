import Foundation

extension ForgeState {
    /// Answers one request: route matching, authentication, injected faults, the route's logic,
    /// and the recording of the exchange.
    func respond(to request: ForgeRequest) async -> ForgeOutcome {
        if let connection = request.connection { connections.insert(connection) }
        guard let match = ForgeRouter.match(method: request.method, path: request.path) else {
            let dialect: ForgeDialect = request.path.hasPrefix(ForgeRouter.giteaBasePath + "/") ? .gitea : .github
            return .reply(.error(404, "Not Found", dialect: dialect))
        }
        requestCounts[match.route, default: 0] += 1
        let outcome = await answer(request, match)
        let reply: ForgeReply? = if case .reply(let reply) = outcome { reply } else { nil }
        recorded.append(
            RecordedExchange(
                dialect: match.route.dialect, method: match.route.method, pathTemplate: match.route.pathTemplate,
                path: request.path, requestBody: request.body, status: reply?.status ?? 0,
                responseBody: reply?.body ?? Data()))
        return outcome
    }

    private func answer(_ request: ForgeRequest, _ match: MatchedRoute) async -> ForgeOutcome {
        let dialect = match.route.dialect
        guard isAuthorized(request.authorization) else {
            let message = dialect == .github ? "Requires authentication" : "token is required"
            return .reply(.error(401, message, dialect: dialect))
        }
        if let authorization = request.authorization { authorizations.append(authorization) }
        let call = ForgeCall(request: request, match: match, renderer: renderer(dialect))
        if let fault = faults.next(for: match.route), let shown = await show(fault, for: call) { return shown }
        do {
            return .reply(try handle(call))
        } catch {
            return .reply(.error(422, error.message, dialect: dialect))
        }
    }

    /// What `fault` answers instead of the normal response; nil when the normal response follows (a delay).
    private func show(_ fault: ForgeFault, for call: ForgeCall) async -> ForgeOutcome? {
        switch fault {
        case .status(let status, let headers, let body):
            let sorted = headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            return .reply(ForgeReply(status: status, headers: sorted, body: Data(body.utf8)))
        case .delay(let milliseconds):
            try? await Task.sleep(for: .milliseconds(milliseconds))
            return nil
        case .dropConnection:
            return .drop
        case .afterWrite(let lost):
            _ = try? handle(call)
            return await show(lost, for: call) ?? .drop
        }
    }

    /// `Bearer <token>` or `token <token>`, the scheme word in any case.
    private func isAuthorized(_ header: String?) -> Bool {
        guard let parts = header?.split(separator: " ", maxSplits: 1), parts.count == 2 else { return false }
        return ["bearer", "token"].contains(parts[0].lowercased()) && parts[1] == token
    }

    private func handle(_ call: ForgeCall) throws(ForgeBadRequest) -> ForgeReply {
        if call.match.route.operation == .getAuthenticatedUser { return getAuthenticatedUser(call) }
        guard let repository = repositories[Self.key(call.match["owner"], call.match["repo"])] else {
            return call.notFound()
        }
        switch call.match.route.operation {
        case .getRepository: return .json(200, call.renderer.repository(repository))
        case .getIssue: return getIssue(call)
        case .updateIssue: return try updateIssue(call)
        case .listComments: return listComments(call)
        case .createComment: return try createComment(call)
        case .updateComment: return try updateComment(call)
        case .listLabels: return listLabels(call)
        case .addLabels: return try addLabels(call)
        case .removeLabel: return removeLabel(call)
        case .listPulls: return listPulls(call)
        case .createPull: return try createPull(call)
        case .getPull: return getPull(call)
        case .updatePull: return try updatePull(call)
        case .createStatus: return try createStatus(call)
        case .getCombinedStatus: return .json(200, call.renderer.combinedStatus(for: call.match["ref"], in: repository))
        case .getPermission: return getPermission(call)
        case .dispatchWorkflow: return try dispatchWorkflow(call)
        case .listRepositoryLabels: return listRepositoryLabels(call, in: repository)
        case .createLabel: return try createLabel(call)
        case .editLabel: return try editLabel(call)
        case .deleteLabel: return deleteLabel(call)
        case .getAuthenticatedUser: return getAuthenticatedUser(call)
        case .listIssues, .createIssue, .listMilestones, .createMilestone, .listTags:
            return try handleRelease(call, in: repository)
        }
    }
}
