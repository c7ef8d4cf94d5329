"""``/api/v1/auth``: codes, logins (SMS, e-mail, WeChat/Alipay), logout, password, phone.

Thin: each route validates its body and calls one service (``app_codes``, ``app_auth``,
``app_password``). Refusals are ``DomainError``s: a wrong code 422 naming the field, a
sending limit 429, a wrong password 401, a frozen account 403.
"""

from __future__ import annotations

from fastapi import APIRouter, Response

from api_stub.auth_deps import BearerToken, ClientIp, OAuthGatewayDep
from api_stub.deps import CurrentAppUser, CurrentCustomer, SessionDep
from api_stub.schemas.auth import (
    CodeSentOut,
    EmailCodeIn,
    EmailLoginIn,
    EmailRegisteredOut,
    EmailRegisterIn,
    LoginIn,
    PasswordResetIn,
    PasswordResetOut,
    PhoneChangedOut,
    PhoneChangeIn,
    ProviderLoginIn,
    SmsCodeIn,
    TokenOut,
)
from jiazheng_desk.services import app_auth, app_codes, app_password
from jiazheng_desk.services.app_auth import LoginResult
from jiazheng_desk.services.app_codes import CodeSent

router = APIRouter(prefix="/auth", tags=["auth"])


def _sent(sent: CodeSent) -> CodeSentOut:
    return CodeSentOut(
        channel=sent.channel,  # type: ignore[arg-type]
        target=sent.target_masked,
        purpose=sent.purpose,
        expires_at=sent.expires_at,
        resend_at=sent.resend_at,
    )


def _token(result: LoginResult) -> TokenOut:
    return TokenOut(
        token=result.token,
        expires_at=result.expires_at,
        role=result.role,  # type: ignore[arg-type]
        subject_id=result.subject_id,
        created=result.created,
        status=result.status,
    )


@router.post("/sms-code", status_code=202, summary="Send a code by SMS")
def send_sms_code(body: SmsCodeIn, session: SessionDep, ip: ClientIp) -> CodeSentOut:
    """Six digits to the phone, valid 5 minutes (1 a minute and 10 a day per phone, 30 an hour
    per IP)."""
    return _sent(
        app_codes.send_code(session, channel="sms", target=body.phone, purpose=body.purpose, ip=ip)
    )


@router.post("/email/code", status_code=202, summary="Send a code by e-mail")
def send_email_code(body: EmailCodeIn, session: SessionDep, ip: ClientIp) -> CodeSentOut:
    """Six digits to the address (to add it as a login, or to reset the password)."""
    return _sent(
        app_codes.send_code(
            session, channel="email", target=body.email, purpose=body.purpose, ip=ip
        )
    )


@router.post("/login", summary="Log in with an SMS code")
def login(body: LoginIn, session: SessionDep, ip: ClientIp) -> TokenOut:
    """A new phone becomes a customer, or a worker applicant; a frozen account gets 403."""
    return _token(
        app_auth.login_with_code(session, phone=body.phone, code=body.code, role=body.role, ip=ip)
    )


@router.post("/provider/login", summary="Log in with WeChat or Alipay")
def provider_login(
    body: ProviderLoginIn, session: SessionDep, ip: ClientIp, gateway: OAuthGatewayDep
) -> TokenOut:
    """The provider vouches for a phone; the first login links the provider account."""
    return _token(
        app_auth.login_with_provider(
            session,
            provider=body.provider,
            provider_code=body.provider_code,
            role=body.role,
            ip=ip,
            gateway=gateway,
        )
    )


@router.post("/logout", status_code=204, response_class=Response, summary="Log out")
def logout(me: CurrentAppUser, session: SessionDep, token: BearerToken) -> None:
    """This device's token stops working at once."""
    app_auth.logout(session, actor=me, token=token)


@router.post("/email/register", summary="Add an e-mail login (customers)")
def email_register(
    body: EmailRegisterIn, me: CurrentCustomer, session: SessionDep
) -> EmailRegisteredOut:
    """With the code e-mailed to the address, set it and a password on this account."""
    address = app_password.register_email(
        session, actor=me, email=body.email, code=body.code, password=body.password
    )
    return EmailRegisteredOut(email=address)


@router.post("/email/login", summary="Log in with e-mail and password (customers)")
def email_login(body: EmailLoginIn, session: SessionDep, ip: ClientIp) -> TokenOut:
    """Five wrong passwords lock the account for 15 minutes."""
    return _token(
        app_password.login_with_password(session, email=body.email, password=body.password, ip=ip)
    )


@router.post("/password/reset", summary="Reset the password with a code")
def password_reset(body: PasswordResetIn, session: SessionDep) -> PasswordResetOut:
    """A code sent to the phone or address (purpose reset); every login of the account ends."""
    channel, target = ("sms", body.phone) if body.phone is not None else ("email", body.email)
    done = app_password.reset_password(
        session,
        channel=channel,
        target=target or "",
        code=body.code,
        new_password=body.new_password,
    )
    return PasswordResetOut(tokens_revoked=done.tokens_revoked)


@router.post("/phone/change", summary="Change the phone number")
def phone_change(
    body: PhoneChangeIn, me: CurrentAppUser, session: SessionDep, token: BearerToken
) -> PhoneChangedOut:
    """A code to the current number (change_phone_old) and one to the new (change_phone_new)."""
    done = app_password.change_phone(
        session,
        actor=me,
        token=token,
        old_code=body.old_code,
        new_phone=body.new_phone,
        new_code=body.new_code,
    )
    return PhoneChangedOut(phone=done.phone, tokens_revoked=done.tokens_revoked)
