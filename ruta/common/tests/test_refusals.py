from ruta.common.refusals import refusal


def test_a_refusal_may_name_its_code_as_a_placeholder():
    error = refusal("«%(code)s» no es una causa.", "unknown_cause", code="Z9")
    assert error.code == "unknown_cause"
    assert error.messages == ["«Z9» no es una causa."]


def test_a_refusal_on_a_field_keeps_its_placeholders():
    error = refusal("«%(code)s» no.", "unknown_requirement", "requirement", code="99")
    assert error.message_dict == {"requirement": ["«99» no."]}
