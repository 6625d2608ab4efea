using NewsPipeline.Core.Normalisation;

namespace NewsPipeline.Core.Tests.Normalisation;

public sealed class LanguageGuesserTests
{
    [Theory]
    [InlineData("The minister said that the plan was not ready and that it would be discussed again in the spring.", "en")]
    [InlineData("Der Minister sagte, dass der Plan noch nicht fertig ist und im Frühjahr wieder auf den Tisch kommt.", "de")]
    [InlineData("Le ministre a dit que le plan n'est pas prêt et qu'il sera discuté de nouveau au printemps avec les élus.", "fr")]
    [InlineData("El ministro dijo que el plan no está listo y que se discutirá de nuevo en la primavera con los alcaldes.", "es")]
    [InlineData("先日、不正に改造したスマートフォンを販売したとして男性が逮捕されました。", "ja")]
    [InlineData("Министр заявил, что план ещё не готов и будет обсуждаться весной.", "ru")]
    public void Guess_CommonLanguages_Iso6391(string text, string expected)
    {
        Assert.Equal(expected, LanguageGuesser.Guess(text));
    }

    [Theory]
    [InlineData("Hi")]
    [InlineData("1234 5678 90")]
    public void Guess_TooLittleText_Null(string text)
    {
        Assert.Null(LanguageGuesser.Guess(text));
    }
}
