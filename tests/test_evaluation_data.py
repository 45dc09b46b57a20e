"""nlpcourse.evaluation_data: real Lee sentences and rule-made rewrites whose effect on the metrics is known,
checked against sacrebleu and rouge-score."""

import pytest
import sacrebleu
from rouge_score import rouge_scorer

from nlpcourse import evaluation_data
from nlpcourse.data import lee_corpus


@pytest.fixture(scope="module")
def table():
    return evaluation_data.paraphrase_table(evaluation_data.reference_sentences(20))


def test_reference_sentences_are_real_held_out_sentences():
    sentences = evaluation_data.reference_sentences(20, min_words=12, max_words=22)
    held_out = " ".join(lee_corpus()[250:])
    assert len(sentences) == 20
    assert all(sentence in held_out and 12 <= len(sentence.split()) <= 22 for sentence in sentences)
    assert evaluation_data.reference_sentences(5, split="train")[0] in " ".join(lee_corpus()[:250])
    with pytest.raises(ValueError):
        evaluation_data.reference_sentences(split="dev")


def test_copy_scores_100_with_sacrebleu(table):
    copies = [row["copy"] for row in table]
    assert sacrebleu.corpus_bleu(copies, [[row["reference"] for row in table]]).score == pytest.approx(100.0)


def test_reordering_rules_keep_the_bag_of_words(table):
    scorer = rouge_scorer.RougeScorer(["rouge1", "rougeL"], use_stemmer=False)
    for row in table:
        for rule in ("shuffled", "halves_swapped"):
            scores = scorer.score(row["reference"], row[rule])
            assert scores["rouge1"].fmeasure == pytest.approx(1.0)
            assert scores["rougeL"].fmeasure < 1.0


def test_truncation_keeps_the_first_half(table):
    for row in table:
        words = row["reference"].rstrip(".!?").split()
        assert row["truncated"].rstrip(".!?").split() == words[:(len(words) + 1) // 2]
        # All of the truncated text is in the reference: ROUGE-1 precision 1.
        assert rouge_scorer.RougeScorer(["rouge1"]).score(row["reference"], row["truncated"])["rouge1"].precision == 1.0


def test_negation_adds_or_removes_one_not():
    assert evaluation_data.paraphrase("Two people were killed today.", "negated") == "Two people were not killed today."
    assert evaluation_data.paraphrase("Mr Arafat was not targeted.", "negated") == "Mr Arafat was targeted."
    assert evaluation_data.paraphrase("The virus spreads fast.", "negated") == "It is not true that the virus spreads fast."


def test_synonyms_change_only_listed_words():
    assert evaluation_data.paraphrase("Police said the fire, officials said, started.", "synonyms") == \
        "Officers stated the blaze, authorities stated, began."
    assert evaluation_data.paraphrase("Nothing to replace here.", "synonyms") == "Nothing to replace here."


def test_paraphrases_are_deterministic_and_rules_checked():
    sentence = evaluation_data.reference_sentences(1)[0]
    assert evaluation_data.paraphrase(sentence, "shuffled", seed=3) == evaluation_data.paraphrase(sentence, "shuffled", seed=3)
    with pytest.raises(ValueError):
        evaluation_data.paraphrase(sentence, "backwards")
