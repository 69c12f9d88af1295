import ArgumentParser
import Pipeline

/// How `extract` and `build` treat articles seen before and a source that lists nothing.
struct ExtractionOptions: ParsableArguments {
    @Flag(help: "Extract again the articles that failed last time, even when unchanged.")
    var retryFailed = false

    @Flag(help: "Withdraw the catalog's articles even when the source lists none at all (by default an empty listing withdraws nothing: it is more likely an unmounted folder than a source that withdrew everything).")
    var allowEmptySource = false

    /// Turns on extraction in `plan`, as these options ask.
    func apply(to plan: inout BuildPlan) {
        plan.extract = true
        plan.retryFailed = retryFailed
        plan.allowEmptySource = allowEmptySource
    }
}
