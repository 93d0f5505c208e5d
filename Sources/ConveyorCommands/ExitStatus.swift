import Actions
import Agents
import ArgumentParser
import Execution
import Forge
import Git
import HTTP
import Pipeline
import StateBranch
import Triggers

/// The exit statuses `conveyor` documents (docs/user-guide.md). Commands throw these after printing why.
public enum ExitStatus {
    /// The command did what it was asked, including deciding that nothing should run.
    public static let success = ExitCode.success
    /// A check failed (`doctor`, `state verify`) or an unexpected error occurred.
    public static let failure = ExitCode.failure
    /// Another job already holds the work (a duplicate claim); nothing was done.
    public static let duplicate = ExitCode(3)
    /// State changes could not be pushed; they were saved to a pending-state file named on standard error.
    public static let notPublished = ExitCode(4)
    /// Bad input that a person must fix: a malformed payload, configuration, variable or flag, an unknown agent,
    /// invalid manual-run inputs, or a forge token the forge rejects (401).
    public static let invalidInput = ExitCode(65)
    /// The job's token lacks a permission the stage needs, or the agent its key or program; nothing was claimed.
    public static let missingAccess = ExitCode(78)
    /// A temporary failure (the forge, the state branch or the model API could not be asked, or kept failing);
    /// running the job again may succeed.
    public static let temporaryFailure = ExitCode(75)

    /// The documented status for an error that ended a job (`plan` or `run`), decided in this one place:
    ///
    /// | error | status |
    /// |---|---|
    /// | input a person must fix (``JobInputError``, a payload that is not JSON, an unknown agent or a bad agent command, a bad setting) | 65 |
    /// | state changes saved to a pending file (`StateBranchError` `notPublished`) | 4 |
    /// | the token lacks a permission the stage needs, or the agent its key or program (``PreflightFailure``) | 78 |
    /// | the forge kept failing or timed out, the state branch could not be read, the model API was unavailable | 75 |
    /// | anything else | 1 |
    static func of(_ error: any Error) -> ExitCode {
        switch error {
        case let stopped as TerminationSignals.Received:
            return ExitCode(stopped.exitStatus)
        case StateBranchError.Code.notClaimed:
            return temporaryFailure
        case is JobInputError, is TriggerError, is ValidationFailure, is SettingsError, is ConfigurationError:
            return invalidInput
        case AgentError.Code.unknownAgent, AgentError.Code.invalidTemplate, AgentError.Code.invalidInvocation:
            return invalidInput
        case ActionsEnvironmentError.Code.missingVariable, ActionsEnvironmentError.Code.malformedValue:
            return invalidInput
        case StateBranchError.Code.notPublished:
            return notPublished
        case is PreflightFailure:
            return missingAccess
        case is StateUnavailable, AgentError.Code.modelUnavailable:
            return temporaryFailure
        case let error as ForgeError where error.isRetryable:
            return temporaryFailure
        case let error as ForgeError where error.code == .unauthorized:
            return invalidInput
        case let error as HTTPError where [.timeout, .connection, .rateLimited].contains(error.code):
            return temporaryFailure
        case let error as HTTPError where error.code == .status && (error.status ?? 0) >= 500:
            return temporaryFailure
        case let error as GitError where [.net, .http, .ssl, .ssh].contains(error.klass):
            return temporaryFailure
        default:
            return failure
        }
    }
}
