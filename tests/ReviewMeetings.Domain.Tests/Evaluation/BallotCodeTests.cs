using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Evaluation;

namespace ReviewMeetings.Domain.Tests.Evaluation;

public sealed class BallotCodeTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void Generated_codes_carry_at_least_80_random_bits_and_a_valid_check_character()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => BallotCodeFormat.Generate()).ToList();

        Assert.True(BallotCodeFormat.SecretLength * Math.Log2(BallotCodeFormat.Alphabet.Length) >= 80);
        Assert.All(codes, code => Assert.Equal(code, BallotCodeFormat.Normalize(code)));
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.Equal(BallotCodeFormat.Alphabet.Length, codes.SelectMany(c => c[..BallotCodeFormat.SecretLength]).Distinct().Count());
    }

    [Fact]
    public void Alphabet_has_no_look_alike_letters_and_a_prime_size()
    {
        Assert.DoesNotContain("O", BallotCodeFormat.Alphabet, StringComparison.Ordinal);
        Assert.DoesNotContain("I", BallotCodeFormat.Alphabet, StringComparison.Ordinal);
        Assert.DoesNotContain("L", BallotCodeFormat.Alphabet, StringComparison.Ordinal);
        Assert.DoesNotContain("U", BallotCodeFormat.Alphabet, StringComparison.Ordinal);
        Assert.DoesNotContain("V", BallotCodeFormat.Alphabet, StringComparison.Ordinal);
        Assert.Equal(31, BallotCodeFormat.Alphabet.Length);
    }

    [Fact]
    public void Typed_code_is_read_leniently()
    {
        var code = BallotCodeFormat.Generate();
        var typed = BallotCodeFormat.Display(code).ToLowerInvariant().Replace('0', 'o').Replace('1', 'l');

        Assert.Equal(code, BallotCodeFormat.Normalize(typed));
        Assert.Equal(code, BallotCodeFormat.Normalize(" " + BallotCodeFormat.Display(code).Replace("-", " ", StringComparison.Ordinal) + " "));
    }

    [Fact]
    public void Display_groups_the_code_in_fours()
    {
        Assert.Equal("ABCD-EFGH-JKMN-PQRS-TW", BallotCodeFormat.Display("ABCDEFGHJKMNPQRSTW"));
    }

    [Fact]
    public void Every_single_wrong_character_is_caught()
    {
        var code = BallotCodeFormat.Generate();
        for (var position = 0; position < code.Length; position++)
        {
            foreach (var other in BallotCodeFormat.Alphabet.Where(c => c != code[position]))
            {
                var typo = code[..position] + other + code[(position + 1)..];
                Assert.Null(BallotCodeFormat.Normalize(typo));
            }
        }
    }

    [Fact]
    public void Every_swap_of_neighbouring_characters_is_caught()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var code = BallotCodeFormat.Generate();
            for (var i = 0; i < BallotCodeFormat.SecretLength - 1; i++)
            {
                if (code[i] == code[i + 1])
                {
                    continue;
                }

                var swapped = code[..i] + code[i + 1] + code[i] + code[(i + 2)..];
                Assert.Null(BallotCodeFormat.Normalize(swapped));
            }
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ABC")]
    [InlineData("ABCD-EFGH-JKMN-PQRS-TW-XYZ")]
    [InlineData("ABCD-EFGH-JKMN-PQRS-T#")]
    public void Impossible_input_is_not_a_code(string? input) => Assert.Null(BallotCodeFormat.Normalize(input));

    [Fact]
    public void Codes_are_stored_as_hashes_only()
    {
        var issued = BallotCode.Issue(Guid.NewGuid(), "district-leaders", 5, Key);

        Assert.Equal(5, issued.Count);
        Assert.All(issued, x =>
        {
            Assert.Equal(BallotCodeFormat.Hash(x.Plain, Key), x.Code.Hash);
            Assert.DoesNotContain(x.Plain, x.Code.Hash, StringComparison.Ordinal);
            Assert.Equal(64, x.Code.Hash.Length);
            Assert.Equal(BallotCodeState.Issued, x.Code.State);
        });
    }

    [Fact]
    public void A_code_is_used_once_and_a_voided_code_never()
    {
        var (code, _) = BallotCode.Issue(Guid.NewGuid(), "g", 1, Key)[0];
        var (voided, _) = BallotCode.Issue(Guid.NewGuid(), "g", 1, Key)[0];

        code.Use();
        voided.Void();

        Assert.Equal(BallotCodeState.Used, code.State);
        Assert.Equal("测评码无效。", Assert.Throws<DomainException>(code.Use).Message);
        Assert.Equal("测评码无效。", Assert.Throws<DomainException>(voided.Use).Message);
        Assert.Equal("该测评码已使用，不能作废。", Assert.Throws<DomainException>(code.Void).Message);
    }

    [Fact]
    public void A_code_hash_cannot_be_confirmed_without_the_key()
    {
        var plain = BallotCodeFormat.Generate();
        var otherKey = Enumerable.Repeat((byte)7, 32).ToArray();

        var stored = BallotCodeFormat.Hash(plain, Key);

        // Neither the plain SHA-256 of the code nor its hash under another key matches what is stored.
        Assert.NotEqual(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(plain))), stored);
        Assert.NotEqual(BallotCodeFormat.Hash(plain, otherKey), stored);
        Assert.Equal(stored, BallotCodeFormat.Hash(plain, Key));
    }

    [Fact]
    public void A_short_key_is_refused() =>
        Assert.Throws<ArgumentException>(() => BallotCodeFormat.Hash(BallotCodeFormat.Generate(), new byte[16]));
}
