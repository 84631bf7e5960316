"""What the portal adds to the registries below it, read when the site starts.

Discovered by ``ruta.common.apps``: a message to the alerts' number that is
no keyword is a question, answered by the portal's questions; the grants
commission reads the social aids granted to an organisation's RFC beside
its declaration of other support (``ruta.portal.supports``).
"""

from ruta.alerts.answerers import free_text_answerer_register
from ruta.grants.selectors.organizations import known_support_source_register
from ruta.portal.questions.messaging import message_answer
from ruta.portal.supports import organization_granted_aids

free_text_answerer_register(message_answer)
known_support_source_register(organization_granted_aids)
