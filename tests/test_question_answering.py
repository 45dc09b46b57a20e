"""Tests of nlpcourse.question_answering (the data, the tokeniser and the reader; recognition is
exercised by the week 9 day 5 notebook)."""

import numpy as np

from nlpcourse import question_answering as qa


def test_every_answer_occurs_in_its_document():
    articles = qa.documents()
    questions = qa.questions()
    assert len(articles) == qa.N_DOCUMENTS
    assert 40 <= len(questions) <= 60
    for item in questions:
        assert 0 <= item.document < len(articles)
        assert item.answer and item.answer in articles[item.document], item


def test_questions_are_distinct_and_end_with_a_question_mark():
    texts = [item.question for item in qa.questions()]
    assert len(set(texts)) == len(texts)
    assert all(text.endswith("?") for text in texts)


def test_words_lower_cases_and_splits_on_non_alphanumerics():
    assert qa.words("Hill Top's 2,000 homes") == ["hill", "top", "s", "2", "000", "homes"]
    assert qa.words("") == []


def test_extract_answer_finds_a_name_near_the_question_words():
    passage = "The storm hit the coast. Firefighters said a huge blaze moved towards the town of Hill Top overnight."
    assert qa.extract_answer("Which town did the huge blaze move towards?", [passage]) == "Hill Top"


def test_extract_answer_takes_a_number_for_how_many():
    passage = "Police say Six midwives were suspended at Wollongong Hospital after an inquiry."
    assert qa.extract_answer("How many midwives were suspended?", [passage]) == "Six"


def test_extract_answer_without_passages_is_empty():
    assert qa.extract_answer("Who?", []) == ""


def test_reader_with_the_right_article_gets_a_fair_share_right():
    articles = qa.documents()
    right = [qa.extract_answer(item.question, [articles[item.document]]) == item.answer for item in qa.questions()]
    assert np.mean(right) > 0.3


def _read_arpa(text):
    """({word: (log10 p, log10 backoff)}, {(history, word): log10 p}) of a bigram ARPA file."""
    unigrams, bigrams, section = {}, {}, None
    for line in text.splitlines():
        if line.startswith("\\"):
            section = line
        elif line.strip() and section == "\\1-grams:":
            log_p, word, log_backoff = line.split()
            unigrams[word] = (float(log_p), float(log_backoff))
        elif line.strip() and section == "\\2-grams:":
            log_p, history, word = line.split()
            bigrams[(history, word)] = float(log_p)
    return unigrams, bigrams


def test_the_bigram_model_gives_every_history_a_distribution():
    texts = ["The fire moved towards the town. The fire stopped!", "Crews fought the fire near the town? Yes."]
    unigrams, bigrams = _read_arpa(qa.language_model_arpa(texts))
    assert bigrams[("<s>", "the")] > bigrams.get(("<s>", "crews"), -99)
    words = [word for word in unigrams if word != "<s>"]
    assert abs(sum(10 ** unigrams[word][0] for word in words) - 1) < 1e-4
    for history in unigrams:
        if history == "</s>":
            continue
        total = sum(10 ** bigrams[(history, word)] if (history, word) in bigrams
                    else 10 ** (unigrams[history][1] + unigrams[word][0]) for word in words)
        assert abs(total - 1) < 1e-4, (history, total)


def test_words_the_recogniser_cannot_say_are_left_out():
    unigrams, _ = _read_arpa(qa.language_model_arpa(["Crews reached Wollongxyz today."], known_words={"crews", "today"}))
    assert set(unigrams) == {"<s>", "</s>", "crews", "today"}


def test_pocketsphinx_reads_the_collection_model(tmp_path, monkeypatch):
    from pocketsphinx import Decoder

    monkeypatch.setenv("NLPCOURSE_CACHE", str(tmp_path))
    path = qa.collection_language_model(qa.documents()[:3])
    assert path == qa.collection_language_model(qa.documents()[:3])  # cached
    decoder = Decoder(samprate=qa.RECOGNISER_RATE, loglevel="FATAL", lm=str(path))
    decoder.start_utt()
    decoder.process_raw(np.zeros(8000, dtype=np.int16).tobytes(), full_utt=True)
    decoder.end_utt()
