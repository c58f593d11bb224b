using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorSupervisor.Values.Specs;

/// <summary>
/// JSON numbers in the spec's text fields, where Docker's API takes numbers. The spec keeps its values as
/// text (<c>"512m"</c>, <c>"10s"</c>); a number is read as text in the unit Docker's API uses for that
/// field, or refused with a sentence naming what to write when that unit would surprise.
/// </summary>
public static class SpecNumbers
{
    /// <summary><c>memory</c>: a number is bytes (Docker's <c>HostConfig.Memory</c>): <c>67108864</c> reads as <c>"67108864"</c>.</summary>
    public sealed class Bytes : TextOrNumber
    {
        /// <inheritdoc />
        protected override string FromNumber(ref Utf8JsonReader reader) =>
            WholeNumber(ref reader, "a number here is bytes, a whole number 0 or more; or write a size such as \"512m\"");
    }

    /// <summary><c>stopTimeout</c>: a number is whole seconds (Docker's <c>StopTimeout</c>): <c>10</c> reads as <c>"10"</c>.</summary>
    public sealed class Seconds : TextOrNumber
    {
        /// <inheritdoc />
        protected override string FromNumber(ref Utf8JsonReader reader) =>
            WholeNumber(ref reader, "a number here is whole seconds, 0 or more; or write a duration such as \"1500ms\"");
    }

    /// <summary>
    /// Health check durations: only <c>0</c> (the default) as a number. Docker's API reads these numbers as
    /// nanoseconds and people mean seconds; rather than guess, the error says to write the unit.
    /// </summary>
    public sealed class Duration : TextOrNumber
    {
        /// <inheritdoc />
        protected override string FromNumber(ref Utf8JsonReader reader)
        {
            if (reader.TryGetInt64(out var value) && value == 0) return "0";
            throw new JsonException(
                $"a bare number ({Raw(ref reader)}) is ambiguous here (Docker's API reads nanoseconds); write a duration with its unit such as \"30s\" or \"500ms\"");
        }
    }

    /// <summary>A text field that also takes a JSON number; anything else is refused naming what it takes.</summary>
    public abstract class TextOrNumber : JsonConverter<string?>
    {
        /// <inheritdoc />
        public override bool HandleNull => false;

        /// <inheritdoc />
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => FromNumber(ref reader),
            _ => throw new JsonException($"expected text or a number, not {reader.TokenType.ToString().ToLowerInvariant()}"),
        };

        /// <inheritdoc />
        public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
        {
            if (value is null) writer.WriteNullValue();
            else writer.WriteStringValue(value);
        }

        /// <summary>The text a JSON number stands for; throws a <see cref="JsonException"/> saying what to write instead.</summary>
        protected abstract string FromNumber(ref Utf8JsonReader reader);

        private protected static string WholeNumber(ref Utf8JsonReader reader, string otherwise) =>
            reader.TryGetInt64(out var value) && value >= 0
                ? value.ToString(CultureInfo.InvariantCulture)
                : throw new JsonException($"{Raw(ref reader)}: {otherwise}");

        private protected static string Raw(ref Utf8JsonReader reader) =>
            System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray());
    }
}
