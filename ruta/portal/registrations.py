"""What the portal adds to the registries below it, read when the site starts.

Discovered by ``ruta.common.apps``: a message to the alerts' number that is
no keyword is a question, answered by the portal's questions.
"""

from ruta.alerts.answerers import free_text_answerer_register
from ruta.portal.questions.messaging import message_answer

free_text_answerer_register(message_answer)
