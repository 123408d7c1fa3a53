/// The demo's topic names and partition count.
struct DemoTopics: Sendable {
    /// The input topic.
    var input = "demo-events"
    /// The late labels.
    var labels = "demo-labels"
    /// Eddy's predictions.
    var predictions = "demo-predictions"
    /// Eddy's drift events.
    var drift = "demo-drift-events"
    /// Eddy's dead letters.
    var deadLetters = "demo-dead-letters"
    /// The partitions of the input and predictions topics.
    var partitions = 4
}
