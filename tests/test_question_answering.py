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
