"""initial schema: every table of the data model

Revision ID: 0001
Revises: 
Create Date: 2026-11-21 22:23:57.722632
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import jiazheng_desk.models.base as jz_types


revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('api_token',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('subject_kind', sa.String(length=16), nullable=False),
    sa.Column('subject_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('created_at', jz_types.UTCDateTime(), nullable=False),
    sa.Column('expires_at', jz_types.UTCDateTime(), nullable=False),
    sa.Column('revoked_at', jz_types.UTCDateTime(), nullable=True),
    sa.Column('last_used_at', jz_types.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_token')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_token_token_hash')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('api_token', schema=None) as batch_op:
        batch_op.create_index('ix_api_token_subject', ['subject_kind', 'subject_id'], unique=False)

    op.create_table('audit_log',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('created_at', jz_types.UTCDateTime(), nullable=False),
    sa.Column('actor_kind', sa.String(length=16), nullable=False),
    sa.Column('actor_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('actor_name', sa.String(length=64), nullable=False),
    sa.Column('source', sa.String(length=8), nullable=False),
    sa.Column('branch_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('action', sa.String(length=48), nullable=False),
    sa.Column('entity', sa.String(length=32), nullable=False),
    sa.Column('entity_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('before_json', sa.Text(), nullable=False),
    sa.Column('after_json', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index('ix_audit_log_action', ['action'], unique=False)
        batch_op.create_index('ix_audit_log_actor_kind_actor_id', ['actor_kind', 'actor_id'], unique=False)
        batch_op.create_index('ix_audit_log_branch_id_created_at', ['branch_id', 'created_at'], unique=False)
        batch_op.create_index('ix_audit_log_created_at', ['created_at'], unique=False)
        batch_op.create_index('ix_audit_log_entity_entity_id', ['entity', 'entity_id'], unique=False)

    op.create_table('branch',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('city', sa.String(length=32), nullable=False),
    sa.Column('timezone', sa.String(length=48), nullable=False),
    sa.Column('address', sa.String(length=255), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('created_at', jz_types.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_branch')),
    sa.UniqueConstraint('code', name=op.f('uq_branch_code')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    op.create_table('notification',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('recipient_kind', sa.String(length=16), nullable=False),
    sa.Column('recipient_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=128), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('entity', sa.String(length=32), nullable=False),
    sa.Column('entity_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('read_at', jz_types.UTCDateTime(), nullable=True),
    sa.Column('created_at', jz_types.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notification')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.create_index('ix_notification_recipient', ['recipient_kind', 'recipient_id', 'read_at'], unique=False)

    op.create_table('outbox',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('channel', sa.String(length=8), nullable=False),
    sa.Column('recipient', sa.String(length=128), nullable=False),
    sa.Column('template', sa.String(length=48), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', jz_types.UTCDateTime(), nullable=False),
    sa.Column('lease_until', jz_types.UTCDateTime(), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.Column('created_at', jz_types.UTCDateTime(), nullable=False),
    sa.Column('sent_at', jz_types.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_state_next_attempt_at', ['state', 'next_attempt_at'], unique=False)

    op.create_table('service_category',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_category')),
    sa.UniqueConstraint('code', name=op.f('uq_service_category_code')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    op.create_table('skill',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('required_cert_type', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_skill')),
    sa.UniqueConstraint('code', name=op.f('uq_skill_code')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    op.create_table('sms_code',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('purpose', sa.String(length=16), nullable=False),
    sa.Column('code_hash', sa.String(length=128), nullable=False),
    sa.Column('ip', sa.String(length=45), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('expires_at', jz_types.UTCDateTime(), nullable=False),
    sa.Column('used_at', jz_types.UTCDateTime(), nullable=True),
    sa.Column('created_at', jz_types.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sms_code')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('sms_code', schema=None) as batch_op:
        batch_op.create_index('ix_sms_code_phone_created_at', ['phone', 'created_at'], unique=False)

    op.create_table('state_event',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('entity', sa.String(length=32), nullable=False),
    sa.Column('entity_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('event', sa.String(length=32), nullable=False),
    sa.Column('from_state', sa.String(length=24), nullable=False),
    sa.Column('to_state', sa.String(length=24), nullable=False),
    sa.Column('actor_kind', sa.String(length=16), nullable=False),
    sa.Column('actor_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_at', jz_types.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_state_event')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('state_event', schema=None) as batch_op:
        batch_op.create_index('ix_state_event_entity_entity_id', ['entity', 'entity_id'], unique=False)

    op.create_table('customer',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('branch_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('name_initials', sa.String(length=32), nullable=False),
    sa.Column('gender', sa.String(length=8), nullable=False),
    sa.Column('email', sa.String(length=128), nullable=True),
    sa.Column('password_hash', sa.String(length=255), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('status_reason', sa.String(length=255), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('member_level', sa.String(length=16), nullable=False),
    sa.Column('referrer_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('real_name', sa.String(length=64), nullable=False),
    sa.Column('id_number_enc', sa.LargeBinary(), nullable=True),
    sa.Column('real_name_verified_at', jz_types.UTCDateTime(), nullable=True),
    sa.Column('emergency_name', sa.String(length=64), nullable=False),
    sa.Column('emergency_phone', sa.String(length=20), nullable=False),
    sa.Column('remind_sms', sa.Boolean(), nullable=False),
    sa.Column('remind_push', sa.Boolean(), nullable=False),
    sa.Column('marketing_opt_in', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('last_order_at', jz_types.UTCDateTime(), nullable=True),
    sa.Column('created_at', jz_types.UTCDateTime(), nullable=False),
    sa.Column('closed_at', jz_types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_customer_branch_id_branch')),
    sa.ForeignKeyConstraint(['referrer_id'], ['customer.id'], name=op.f('fk_customer_referrer_id_customer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customer')),
    sa.UniqueConstraint('email', name=op.f('uq_customer_email')),
    sa.UniqueConstraint('phone', name=op.f('uq_customer_phone')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('customer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_customer_branch_id'), ['branch_id'], unique=False)
        batch_op.create_index('ix_customer_last_order_at', ['last_order_at'], unique=False)
        batch_op.create_index('ix_customer_name_initials', ['name_initials'], unique=False)
        batch_op.create_index(batch_op.f('ix_customer_referrer_id'), ['referrer_id'], unique=False)

    op.create_table('district',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('branch_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('city', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=32), nullable=False),
    sa.Column('center_lat', sa.Float(), nullable=False),
    sa.Column('center_lng', sa.Float(), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_district_branch_id_branch')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_district')),
    sa.UniqueConstraint('city', 'name', name=op.f('uq_district_city_name')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('district', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_district_branch_id'), ['branch_id'], unique=False)

    op.create_table('service_item',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('category_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('unit', sa.String(length=8), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('min_units', sa.Integer(), nullable=False),
    sa.Column('minutes_per_unit', sa.Integer(), nullable=False),
    sa.Column('base_minutes', sa.Integer(), nullable=False),
    sa.Column('base_price_fen', sa.BigInteger(), nullable=False),
    sa.Column('skill_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('required_level', sa.SmallInteger(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('process_text', sa.Text(), nullable=False),
    sa.Column('tools_text', sa.Text(), nullable=False),
    sa.Column('photo_paths', sa.Text(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('retired_at', jz_types.UTCDateTime(), nullable=True),
    sa.Column('created_at', jz_types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['category_id'], ['service_category.id'], name=op.f('fk_service_item_category_id_service_category')),
    sa.ForeignKeyConstraint(['skill_id'], ['skill.id'], name=op.f('fk_service_item_skill_id_skill')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_item')),
    sa.UniqueConstraint('code', name=op.f('uq_service_item_code')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('service_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_item_category_id'), ['category_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_item_skill_id'), ['skill_id'], unique=False)

    op.create_table('staff_user',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('username', sa.String(length=32), nullable=False),
    sa.Column('display_name', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=24), nullable=False),
    sa.Column('branch_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('must_change_password', sa.Boolean(), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('failed_logins', sa.Integer(), nullable=False),
    sa.Column('locked_until', jz_types.UTCDateTime(), nullable=True),
    sa.Column('last_login_at', jz_types.UTCDateTime(), nullable=True),
    sa.Column('created_at', jz_types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', jz_types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_staff_user_branch_id_branch')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_user')),
    sa.UniqueConstraint('username', name=op.f('uq_staff_user_username')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('staff_user', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_user_branch_id'), ['branch_id'], unique=False)

    op.create_table('training_course',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('branch_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('title', sa.String(length=128), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('skill_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('raises_level_to', sa.SmallInteger(), nullable=True),
    sa.Column('required_for_vetting', sa.Boolean(), nullable=False),
    sa.Column('mode', sa.String(length=8), nullable=False),
    sa.Column('video_url', sa.String(length=255), nullable=False),
    sa.Column('session_at', jz_types.UTCDateTime(), nullable=True),
    sa.Column('place', sa.String(length=255), nullable=False),
    sa.Column('seats', sa.Integer(), nullable=False),
    sa.Column('pass_mark', sa.SmallInteger(), nullable=False),
    sa.Column('min_years_experience', sa.SmallInteger(), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('created_at', jz_types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_training_course_branch_id_branch')),
    sa.ForeignKeyConstraint(['skill_id'], ['skill.id'], name=op.f('fk_training_course_skill_id_skill')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_course')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('training_course', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_course_branch_id'), ['branch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_course_skill_id'), ['skill_id'], unique=False)

    op.create_table('worker',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('branch_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('name_initials', sa.String(length=32), nullable=False),
    sa.Column('gender', sa.String(length=8), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('id_number_enc', sa.LargeBinary(), nullable=True),
    sa.Column('id_number_hash', sa.String(length=64), nullable=True),
    sa.Column('id_number_suffix', sa.String(length=4), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('status_reason', sa.String(length=255), nullable=False),
    sa.Column('work_status', sa.String(length=16), nullable=False),
    sa.Column('years_experience', sa.SmallInteger(), nullable=False),
    sa.Column('home_address', sa.String(length=255), nullable=False),
    sa.Column('home_lat', sa.Float(), nullable=True),
    sa.Column('home_lng', sa.Float(), nullable=True),
    sa.Column('bio', sa.Text(), nullable=False),
    sa.Column('photo_path', sa.String(length=255), nullable=False),
    sa.Column('bank_name', sa.String(length=64), nullable=False),
    sa.Column('bank_account_enc', sa.LargeBinary(), nullable=True),
    sa.Column('rating_count', sa.Integer(), nullable=False),
    sa.Column('rating_sum', sa.Integer(), nullable=False),
    sa.Column('joined_on', sa.Date(), nullable=True),
    sa.Column('created_at', jz_types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', jz_types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_worker_branch_id_branch')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_worker')),
    sa.UniqueConstraint('phone', name=op.f('uq_worker_phone')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('worker', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_worker_branch_id'), ['branch_id'], unique=False)
        batch_op.create_index('ix_worker_branch_id_status', ['branch_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_worker_id_number_hash'), ['id_number_hash'], unique=False)
        batch_op.create_index('ix_worker_name_initials', ['name_initials'], unique=False)

    op.create_table('blacklist_entry',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('id_number_hash', sa.String(length=64), nullable=True),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('reason_type', sa.String(length=24), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('added_by', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('added_at', jz_types.UTCDateTime(), nullable=False),
    sa.Column('released_by', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('released_at', jz_types.UTCDateTime(), nullable=True),
    sa.Column('release_reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['added_by'], ['staff_user.id'], name=op.f('fk_blacklist_entry_added_by_staff_user')),
    sa.ForeignKeyConstraint(['released_by'], ['staff_user.id'], name=op.f('fk_blacklist_entry_released_by_staff_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_blacklist_entry')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('blacklist_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_blacklist_entry_added_by'), ['added_by'], unique=False)
        batch_op.create_index(batch_op.f('ix_blacklist_entry_id_number_hash'), ['id_number_hash'], unique=False)
        batch_op.create_index(batch_op.f('ix_blacklist_entry_phone'), ['phone'], unique=False)
        batch_op.create_index(batch_op.f('ix_blacklist_entry_released_by'), ['released_by'], unique=False)

    op.create_table('branch_price',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('branch_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('item_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('price_fen', sa.BigInteger(), nullable=False),
    sa.Column('updated_at', jz_types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_branch_price_branch_id_branch')),
    sa.ForeignKeyConstraint(['item_id'], ['service_item.id'], name=op.f('fk_branch_price_item_id_service_item')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_branch_price')),
    sa.UniqueConstraint('branch_id', 'item_id', name=op.f('uq_branch_price_branch_id_item_id')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('branch_price', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_branch_price_branch_id'), ['branch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_branch_price_item_id'), ['item_id'], unique=False)

    op.create_table('coupon_template',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('amount_fen', sa.BigInteger(), nullable=False),
    sa.Column('percent_bp', sa.Integer(), nullable=False),
    sa.Column('threshold_fen', sa.BigInteger(), nullable=False),
    sa.Column('category_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('item_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('new_customer_only', sa.Boolean(), nullable=False),
    sa.Column('valid_days', sa.Integer(), nullable=True),
    sa.Column('valid_from', jz_types.UTCDateTime(), nullable=True),
    sa.Column('valid_to', jz_types.UTCDateTime(), nullable=True),
    sa.Column('total_limit', sa.Integer(), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('created_at', jz_types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['category_id'], ['service_category.id'], name=op.f('fk_coupon_template_category_id_service_category')),
    sa.ForeignKeyConstraint(['item_id'], ['service_item.id'], name=op.f('fk_coupon_template_item_id_service_item')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coupon_template')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('coupon_template', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_coupon_template_category_id'), ['category_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_coupon_template_item_id'), ['item_id'], unique=False)

    op.create_table('customer_address',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('customer_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('district_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('address_text', sa.String(length=255), nullable=False),
    sa.Column('contact_name', sa.String(length=64), nullable=False),
    sa.Column('contact_phone', sa.String(length=20), nullable=False),
    sa.Column('lat', sa.Float(), nullable=False),
    sa.Column('lng', sa.Float(), nullable=False),
    sa.Column('is_default', sa.Boolean(), nullable=False),
    sa.Column('created_at', jz_types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', jz_types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_customer_address_customer_id_customer')),
    sa.ForeignKeyConstraint(['district_id'], ['district.id'], name=op.f('fk_customer_address_district_id_district')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customer_address')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('customer_address', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_customer_address_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_customer_address_district_id'), ['district_id'], unique=False)

    op.create_table('enrollment',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('course_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('worker_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('enrolled_at', jz_types.UTCDateTime(), nullable=False),
    sa.Column('attended_at', jz_types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['course_id'], ['training_course.id'], name=op.f('fk_enrollment_course_id_training_course')),
    sa.ForeignKeyConstraint(['worker_id'], ['worker.id'], name=op.f('fk_enrollment_worker_id_worker')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enrollment')),
    sa.UniqueConstraint('course_id', 'worker_id', name=op.f('uq_enrollment_course_id_worker_id')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('enrollment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_enrollment_course_id'), ['course_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_enrollment_worker_id'), ['worker_id'], unique=False)

    op.create_table('invoice_request',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('customer_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('branch_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('title', sa.String(length=128), nullable=False),
    sa.Column('tax_id', sa.String(length=32), nullable=False),
    sa.Column('email', sa.String(length=128), nullable=False),
    sa.Column('amount_fen', sa.BigInteger(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('created_at', jz_types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_invoice_request_branch_id_branch')),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_invoice_request_customer_id_customer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invoice_request')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('invoice_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invoice_request_branch_id'), ['branch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_invoice_request_customer_id'), ['customer_id'], unique=False)

    op.create_table('ledger_account',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('branch_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('worker_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('customer_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('created_at', jz_types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_ledger_account_branch_id_branch')),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_ledger_account_customer_id_customer')),
    sa.ForeignKeyConstraint(['worker_id'], ['worker.id'], name=op.f('fk_ledger_account_worker_id_worker')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_account')),
    sa.UniqueConstraint('code', name=op.f('uq_ledger_account_code')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('ledger_account', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ledger_account_branch_id'), ['branch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ledger_account_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ledger_account_worker_id'), ['worker_id'], unique=False)

    op.create_table('payroll_run',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('branch_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('created_by', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('signed_by', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('signed_at', jz_types.UTCDateTime(), nullable=True),
    sa.Column('created_at', jz_types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_payroll_run_branch_id_branch')),
    sa.ForeignKeyConstraint(['created_by'], ['staff_user.id'], name=op.f('fk_payroll_run_created_by_staff_user')),
    sa.ForeignKeyConstraint(['signed_by'], ['staff_user.id'], name=op.f('fk_payroll_run_signed_by_staff_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payroll_run')),
    sa.UniqueConstraint('branch_id', 'period_start', name=op.f('uq_payroll_run_branch_id_period_start')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('payroll_run', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payroll_run_created_by'), ['created_by'], unique=False)
        batch_op.create_index(batch_op.f('ix_payroll_run_signed_by'), ['signed_by'], unique=False)

    op.create_table('price_rule',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('branch_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('min_m', sa.Integer(), nullable=True),
    sa.Column('max_m', sa.Integer(), nullable=True),
    sa.Column('district_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('start_minute', sa.SmallInteger(), nullable=True),
    sa.Column('end_minute', sa.SmallInteger(), nullable=True),
    sa.Column('on_date', sa.Date(), nullable=True),
    sa.Column('amount_fen', sa.BigInteger(), nullable=False),
    sa.Column('percent_bp', sa.Integer(), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('created_at', jz_types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_price_rule_branch_id_branch')),
    sa.ForeignKeyConstraint(['district_id'], ['district.id'], name=op.f('fk_price_rule_district_id_district')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_price_rule')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('price_rule', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_price_rule_branch_id'), ['branch_id'], unique=False)

    op.create_table('service_option',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('item_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('price_fen', sa.BigInteger(), nullable=False),
    sa.Column('extra_minutes', sa.Integer(), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['service_item.id'], name=op.f('fk_service_option_item_id_service_item')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_option')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('service_option', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_option_item_id'), ['item_id'], unique=False)

    op.create_table('setting',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('scope', sa.String(length=24), nullable=False),
    sa.Column('value_json', sa.Text(), nullable=False),
    sa.Column('updated_by', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('updated_at', jz_types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['updated_by'], ['staff_user.id'], name=op.f('fk_setting_updated_by_staff_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_setting')),
    sa.UniqueConstraint('key', 'scope', name=op.f('uq_setting_key_scope')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('setting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_setting_updated_by'), ['updated_by'], unique=False)

    op.create_table('shift_template',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('worker_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('weekday', sa.SmallInteger(), nullable=False),
    sa.Column('start_minute', sa.SmallInteger(), nullable=False),
    sa.Column('end_minute', sa.SmallInteger(), nullable=False),
    sa.ForeignKeyConstraint(['worker_id'], ['worker.id'], name=op.f('fk_shift_template_worker_id_worker'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shift_template')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('shift_template', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shift_template_worker_id'), ['worker_id'], unique=False)

    op.create_table('vetting_case',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('worker_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('branch_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('state', sa.String(length=24), nullable=False),
    sa.Column('requested_skills', sa.String(length=255), nullable=False),
    sa.Column('decision_reason', sa.Text(), nullable=False),
    sa.Column('override_reason', sa.Text(), nullable=False),
    sa.Column('decided_by', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('decided_at', jz_types.UTCDateTime(), nullable=True),
    sa.Column('created_at', jz_types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', jz_types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_vetting_case_branch_id_branch')),
    sa.ForeignKeyConstraint(['decided_by'], ['staff_user.id'], name=op.f('fk_vetting_case_decided_by_staff_user')),
    sa.ForeignKeyConstraint(['worker_id'], ['worker.id'], name=op.f('fk_vetting_case_worker_id_worker')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vetting_case')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('vetting_case', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vetting_case_branch_id'), ['branch_id'], unique=False)
        batch_op.create_index('ix_vetting_case_branch_id_state', ['branch_id', 'state'], unique=False)
        batch_op.create_index(batch_op.f('ix_vetting_case_decided_by'), ['decided_by'], unique=False)
        batch_op.create_index(batch_op.f('ix_vetting_case_worker_id'), ['worker_id'], unique=False)

    op.create_table('withdrawal',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('worker_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('customer_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('amount_fen', sa.BigInteger(), nullable=False),
    sa.Column('fee_fen', sa.BigInteger(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.String(length=255), nullable=False),
    sa.Column('bank_ref', sa.String(length=64), nullable=False),
    sa.Column('requested_at', jz_types.UTCDateTime(), nullable=False),
    sa.Column('decided_by', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('decided_at', jz_types.UTCDateTime(), nullable=True),
    sa.Column('paid_at', jz_types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_withdrawal_customer_id_customer')),
    sa.ForeignKeyConstraint(['decided_by'], ['staff_user.id'], name=op.f('fk_withdrawal_decided_by_staff_user')),
    sa.ForeignKeyConstraint(['worker_id'], ['worker.id'], name=op.f('fk_withdrawal_worker_id_worker')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_withdrawal')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('withdrawal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_withdrawal_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_withdrawal_decided_by'), ['decided_by'], unique=False)
        batch_op.create_index('ix_withdrawal_state_requested_at', ['state', 'requested_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_withdrawal_worker_id'), ['worker_id'], unique=False)

    op.create_table('worker_district',
    sa.Column('worker_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('district_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.ForeignKeyConstraint(['district_id'], ['district.id'], name=op.f('fk_worker_district_district_id_district')),
    sa.ForeignKeyConstraint(['worker_id'], ['worker.id'], name=op.f('fk_worker_district_worker_id_worker'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('worker_id', 'district_id', name=op.f('pk_worker_district')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    op.create_table('worker_document',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('worker_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('cert_type', sa.String(length=32), nullable=False),
    sa.Column('number', sa.String(length=64), nullable=False),
    sa.Column('issuer', sa.String(length=128), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=True),
    sa.Column('expires_on', sa.Date(), nullable=True),
    sa.Column('file_path', sa.String(length=255), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('verified_by', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('verified_at', jz_types.UTCDateTime(), nullable=True),
    sa.Column('created_at', jz_types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['verified_by'], ['staff_user.id'], name=op.f('fk_worker_document_verified_by_staff_user')),
    sa.ForeignKeyConstraint(['worker_id'], ['worker.id'], name=op.f('fk_worker_document_worker_id_worker'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_worker_document')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('worker_document', schema=None) as batch_op:
        batch_op.create_index('ix_worker_document_expires_on', ['expires_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_worker_document_verified_by'), ['verified_by'], unique=False)
        batch_op.create_index(batch_op.f('ix_worker_document_worker_id'), ['worker_id'], unique=False)

    op.create_table('worker_leave',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('worker_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('starts_at', jz_types.UTCDateTime(), nullable=False),
    sa.Column('ends_at', jz_types.UTCDateTime(), nullable=False),
    sa.Column('reason', sa.String(length=255), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_by', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('created_at', jz_types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['staff_user.id'], name=op.f('fk_worker_leave_created_by_staff_user')),
    sa.ForeignKeyConstraint(['worker_id'], ['worker.id'], name=op.f('fk_worker_leave_worker_id_worker'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_worker_leave')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('worker_leave', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_worker_leave_created_by'), ['created_by'], unique=False)
        batch_op.create_index('ix_worker_leave_worker_id_starts_at', ['worker_id', 'starts_at'], unique=False)

    op.create_table('worker_skill',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('worker_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('skill_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('level', sa.SmallInteger(), nullable=False),
    sa.Column('granted_by', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('granted_at', jz_types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['granted_by'], ['staff_user.id'], name=op.f('fk_worker_skill_granted_by_staff_user')),
    sa.ForeignKeyConstraint(['skill_id'], ['skill.id'], name=op.f('fk_worker_skill_skill_id_skill')),
    sa.ForeignKeyConstraint(['worker_id'], ['worker.id'], name=op.f('fk_worker_skill_worker_id_worker'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_worker_skill')),
    sa.UniqueConstraint('worker_id', 'skill_id', name=op.f('uq_worker_skill_worker_id_skill_id')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('worker_skill', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_worker_skill_granted_by'), ['granted_by'], unique=False)
        batch_op.create_index(batch_op.f('ix_worker_skill_skill_id'), ['skill_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_worker_skill_worker_id'), ['worker_id'], unique=False)

    op.create_table('coupon',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('template_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('customer_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('issued_at', jz_types.UTCDateTime(), nullable=False),
    sa.Column('expires_at', jz_types.UTCDateTime(), nullable=True),
    sa.Column('redeemed_at', jz_types.UTCDateTime(), nullable=True),
    sa.Column('order_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_coupon_customer_id_customer')),
    sa.ForeignKeyConstraint(['template_id'], ['coupon_template.id'], name=op.f('fk_coupon_template_id_coupon_template')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coupon')),
    sa.UniqueConstraint('code', name=op.f('uq_coupon_code')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('coupon', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_coupon_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index('ix_coupon_customer_id_state', ['customer_id', 'state'], unique=False)
        batch_op.create_index(batch_op.f('ix_coupon_template_id'), ['template_id'], unique=False)

    op.create_table('exam_result',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('enrollment_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('score', sa.SmallInteger(), nullable=False),
    sa.Column('passed', sa.Boolean(), nullable=False),
    sa.Column('recorded_by', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('taken_at', jz_types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['enrollment_id'], ['enrollment.id'], name=op.f('fk_exam_result_enrollment_id_enrollment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by'], ['staff_user.id'], name=op.f('fk_exam_result_recorded_by_staff_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exam_result')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('exam_result', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exam_result_enrollment_id'), ['enrollment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_exam_result_recorded_by'), ['recorded_by'], unique=False)

    op.create_table('invoice',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('request_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('branch_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('year', sa.SmallInteger(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('invoice_no', sa.String(length=32), nullable=False),
    sa.Column('amount_fen', sa.BigInteger(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('issued_by', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('issued_at', jz_types.UTCDateTime(), nullable=False),
    sa.Column('void_reason', sa.Text(), nullable=False),
    sa.Column('voided_at', jz_types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_invoice_branch_id_branch')),
    sa.ForeignKeyConstraint(['issued_by'], ['staff_user.id'], name=op.f('fk_invoice_issued_by_staff_user')),
    sa.ForeignKeyConstraint(['request_id'], ['invoice_request.id'], name=op.f('fk_invoice_request_id_invoice_request')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invoice')),
    sa.UniqueConstraint('branch_id', 'year', 'seq', name=op.f('uq_invoice_branch_id_year_seq')),
    sa.UniqueConstraint('invoice_no', name=op.f('uq_invoice_invoice_no')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('invoice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invoice_issued_by'), ['issued_by'], unique=False)
        batch_op.create_index(batch_op.f('ix_invoice_request_id'), ['request_id'], unique=False)

    op.create_table('order_series',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('branch_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('customer_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('address_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('item_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('units', sa.Integer(), nullable=False),
    sa.Column('rule', sa.String(length=24), nullable=False),
    sa.Column('weekday', sa.SmallInteger(), nullable=False),
    sa.Column('week_of_month', sa.SmallInteger(), nullable=True),
    sa.Column('start_minute', sa.SmallInteger(), nullable=False),
    sa.Column('first_date', sa.Date(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=True),
    sa.Column('until_date', sa.Date(), nullable=True),
    sa.Column('worker_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_by', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('created_at', jz_types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['address_id'], ['customer_address.id'], name=op.f('fk_order_series_address_id_customer_address')),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_order_series_branch_id_branch')),
    sa.ForeignKeyConstraint(['created_by'], ['staff_user.id'], name=op.f('fk_order_series_created_by_staff_user')),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_order_series_customer_id_customer')),
    sa.ForeignKeyConstraint(['item_id'], ['service_item.id'], name=op.f('fk_order_series_item_id_service_item')),
    sa.ForeignKeyConstraint(['worker_id'], ['worker.id'], name=op.f('fk_order_series_worker_id_worker')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_series')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('order_series', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_order_series_address_id'), ['address_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_order_series_branch_id'), ['branch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_order_series_created_by'), ['created_by'], unique=False)
        batch_op.create_index(batch_op.f('ix_order_series_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_order_series_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_order_series_worker_id'), ['worker_id'], unique=False)

    op.create_table('payroll_line',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('run_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('worker_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('orders_count', sa.Integer(), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('gross_fen', sa.BigInteger(), nullable=False),
    sa.Column('bonuses_fen', sa.BigInteger(), nullable=False),
    sa.Column('deductions_fen', sa.BigInteger(), nullable=False),
    sa.Column('withdrawn_fen', sa.BigInteger(), nullable=False),
    sa.Column('net_fen', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['payroll_run.id'], name=op.f('fk_payroll_line_run_id_payroll_run'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['worker_id'], ['worker.id'], name=op.f('fk_payroll_line_worker_id_worker')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payroll_line')),
    sa.UniqueConstraint('run_id', 'worker_id', name=op.f('uq_payroll_line_run_id_worker_id')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('payroll_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payroll_line_worker_id'), ['worker_id'], unique=False)

    op.create_table('vetting_check',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('case_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('result', sa.String(length=16), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.Column('run_by', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('run_at', jz_types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['vetting_case.id'], name=op.f('fk_vetting_check_case_id_vetting_case'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['run_by'], ['staff_user.id'], name=op.f('fk_vetting_check_run_by_staff_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vetting_check')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('vetting_check', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vetting_check_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_vetting_check_run_by'), ['run_by'], unique=False)

    op.create_table('orders',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('order_no', sa.String(length=24), nullable=False),
    sa.Column('branch_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('customer_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('address_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('district_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('item_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('units', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('series_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('series_seq', sa.Integer(), nullable=True),
    sa.Column('starts_at', jz_types.UTCDateTime(), nullable=False),
    sa.Column('ends_at', jz_types.UTCDateTime(), nullable=False),
    sa.Column('service_day', sa.Date(), nullable=False),
    sa.Column('worker_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('base_fen', sa.BigInteger(), nullable=False),
    sa.Column('options_fen', sa.BigInteger(), nullable=False),
    sa.Column('travel_fee_fen', sa.BigInteger(), nullable=False),
    sa.Column('surcharge_fen', sa.BigInteger(), nullable=False),
    sa.Column('discount_fen', sa.BigInteger(), nullable=False),
    sa.Column('total_fen', sa.BigInteger(), nullable=False),
    sa.Column('cancel_fee_fen', sa.BigInteger(), nullable=False),
    sa.Column('coupon_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('locked', sa.Boolean(), nullable=False),
    sa.Column('customer_note', sa.Text(), nullable=False),
    sa.Column('staff_note', sa.Text(), nullable=False),
    sa.Column('cancel_reason', sa.String(length=255), nullable=False),
    sa.Column('created_by', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('created_at', jz_types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', jz_types.UTCDateTime(), nullable=False),
    sa.Column('assigned_at', jz_types.UTCDateTime(), nullable=True),
    sa.Column('completed_at', jz_types.UTCDateTime(), nullable=True),
    sa.Column('cancelled_at', jz_types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['address_id'], ['customer_address.id'], name=op.f('fk_orders_address_id_customer_address')),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_orders_branch_id_branch')),
    sa.ForeignKeyConstraint(['coupon_id'], ['coupon.id'], name=op.f('fk_orders_coupon_id_coupon')),
    sa.ForeignKeyConstraint(['created_by'], ['staff_user.id'], name=op.f('fk_orders_created_by_staff_user')),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_orders_customer_id_customer')),
    sa.ForeignKeyConstraint(['district_id'], ['district.id'], name=op.f('fk_orders_district_id_district')),
    sa.ForeignKeyConstraint(['item_id'], ['service_item.id'], name=op.f('fk_orders_item_id_service_item')),
    sa.ForeignKeyConstraint(['series_id'], ['order_series.id'], name=op.f('fk_orders_series_id_order_series')),
    sa.ForeignKeyConstraint(['worker_id'], ['worker.id'], name=op.f('fk_orders_worker_id_worker')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_orders')),
    sa.UniqueConstraint('order_no', name=op.f('uq_orders_order_no')),
    sa.UniqueConstraint('series_id', 'series_seq', name=op.f('uq_orders_series_id_series_seq')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_orders_address_id'), ['address_id'], unique=False)
        batch_op.create_index('ix_orders_branch_id_service_day', ['branch_id', 'service_day'], unique=False)
        batch_op.create_index(batch_op.f('ix_orders_coupon_id'), ['coupon_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_orders_created_by'), ['created_by'], unique=False)
        batch_op.create_index('ix_orders_customer_id_starts_at', ['customer_id', 'starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_orders_district_id'), ['district_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_orders_item_id'), ['item_id'], unique=False)
        batch_op.create_index('ix_orders_state_starts_at', ['state', 'starts_at'], unique=False)
        batch_op.create_index('ix_orders_worker_id_starts_at', ['worker_id', 'starts_at'], unique=False)

    op.create_table('complaint',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('branch_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('order_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('customer_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('worker_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('category', sa.String(length=32), nullable=False),
    sa.Column('priority', sa.String(length=8), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('owner_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('deadline_at', jz_types.UTCDateTime(), nullable=True),
    sa.Column('resolution', sa.Text(), nullable=False),
    sa.Column('compensation_fen', sa.BigInteger(), nullable=False),
    sa.Column('created_at', jz_types.UTCDateTime(), nullable=False),
    sa.Column('closed_at', jz_types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_complaint_branch_id_branch')),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_complaint_customer_id_customer')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_complaint_order_id_orders')),
    sa.ForeignKeyConstraint(['owner_id'], ['staff_user.id'], name=op.f('fk_complaint_owner_id_staff_user')),
    sa.ForeignKeyConstraint(['worker_id'], ['worker.id'], name=op.f('fk_complaint_worker_id_worker')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.create_index('ix_complaint_branch_id_state', ['branch_id', 'state'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaint_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaint_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaint_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaint_worker_id'), ['worker_id'], unique=False)

    op.create_table('dispatch_offer',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('order_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('worker_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.String(length=255), nullable=False),
    sa.Column('offered_by', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('offered_at', jz_types.UTCDateTime(), nullable=False),
    sa.Column('expires_at', jz_types.UTCDateTime(), nullable=True),
    sa.Column('answered_at', jz_types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['offered_by'], ['staff_user.id'], name=op.f('fk_dispatch_offer_offered_by_staff_user')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_dispatch_offer_order_id_orders'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['worker_id'], ['worker.id'], name=op.f('fk_dispatch_offer_worker_id_worker')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dispatch_offer')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('dispatch_offer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dispatch_offer_offered_by'), ['offered_by'], unique=False)
        batch_op.create_index(batch_op.f('ix_dispatch_offer_order_id'), ['order_id'], unique=False)
        batch_op.create_index('ix_dispatch_offer_state_expires_at', ['state', 'expires_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_dispatch_offer_worker_id'), ['worker_id'], unique=False)

    op.create_table('invoice_request_order',
    sa.Column('request_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('order_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_invoice_request_order_order_id_orders')),
    sa.ForeignKeyConstraint(['request_id'], ['invoice_request.id'], name=op.f('fk_invoice_request_order_request_id_invoice_request'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('request_id', 'order_id', name=op.f('pk_invoice_request_order')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    op.create_table('ledger_txn',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('order_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('ref_entity', sa.String(length=32), nullable=False),
    sa.Column('ref_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('memo', sa.String(length=255), nullable=False),
    sa.Column('reverses_txn_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('created_by', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('created_at', jz_types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['staff_user.id'], name=op.f('fk_ledger_txn_created_by_staff_user')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_ledger_txn_order_id_orders')),
    sa.ForeignKeyConstraint(['reverses_txn_id'], ['ledger_txn.id'], name=op.f('fk_ledger_txn_reverses_txn_id_ledger_txn')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_txn')),
    sa.UniqueConstraint('reverses_txn_id', name=op.f('uq_ledger_txn_reverses_txn_id')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('ledger_txn', schema=None) as batch_op:
        batch_op.create_index('ix_ledger_txn_created_at', ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_ledger_txn_created_by'), ['created_by'], unique=False)
        batch_op.create_index(batch_op.f('ix_ledger_txn_order_id'), ['order_id'], unique=False)

    op.create_table('order_event',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('order_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('event', sa.String(length=32), nullable=False),
    sa.Column('from_state', sa.String(length=16), nullable=False),
    sa.Column('to_state', sa.String(length=16), nullable=False),
    sa.Column('actor_kind', sa.String(length=16), nullable=False),
    sa.Column('actor_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('reason', sa.String(length=255), nullable=False),
    sa.Column('created_at', jz_types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_order_event_order_id_orders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_event')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('order_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_order_event_order_id'), ['order_id'], unique=False)

    op.create_table('order_option',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('order_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('option_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('price_fen', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['option_id'], ['service_option.id'], name=op.f('fk_order_option_option_id_service_option')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_order_option_order_id_orders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_option')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('order_option', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_order_option_option_id'), ['option_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_order_option_order_id'), ['order_id'], unique=False)

    op.create_table('pay_adjustment',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('worker_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('amount_fen', sa.BigInteger(), nullable=False),
    sa.Column('reason', sa.String(length=255), nullable=False),
    sa.Column('order_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('payroll_run_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('created_by', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('created_at', jz_types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['staff_user.id'], name=op.f('fk_pay_adjustment_created_by_staff_user')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_pay_adjustment_order_id_orders')),
    sa.ForeignKeyConstraint(['payroll_run_id'], ['payroll_run.id'], name=op.f('fk_pay_adjustment_payroll_run_id_payroll_run')),
    sa.ForeignKeyConstraint(['worker_id'], ['worker.id'], name=op.f('fk_pay_adjustment_worker_id_worker')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pay_adjustment')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('pay_adjustment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pay_adjustment_created_by'), ['created_by'], unique=False)
        batch_op.create_index(batch_op.f('ix_pay_adjustment_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pay_adjustment_payroll_run_id'), ['payroll_run_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pay_adjustment_worker_id'), ['worker_id'], unique=False)

    op.create_table('payment',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('order_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('customer_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('amount_fen', sa.BigInteger(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('gateway_ref', sa.String(length=64), nullable=True),
    sa.Column('idempotency_key', sa.String(length=64), nullable=True),
    sa.Column('created_at', jz_types.UTCDateTime(), nullable=False),
    sa.Column('confirmed_at', jz_types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_payment_customer_id_customer')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_payment_order_id_orders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payment')),
    sa.UniqueConstraint('gateway_ref', name=op.f('uq_payment_gateway_ref')),
    sa.UniqueConstraint('idempotency_key', name=op.f('uq_payment_idempotency_key')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payment_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_payment_order_id'), ['order_id'], unique=False)
        batch_op.create_index('ix_payment_state_created_at', ['state', 'created_at'], unique=False)

    op.create_table('placement_day_off',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('order_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_placement_day_off_order_id_orders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_placement_day_off')),
    sa.UniqueConstraint('order_id', 'day', name=op.f('uq_placement_day_off_order_id_day')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    op.create_table('points_entry',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('customer_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=64), nullable=False),
    sa.Column('order_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('created_at', jz_types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_points_entry_customer_id_customer')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_points_entry_order_id_orders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_points_entry')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('points_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_points_entry_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_points_entry_order_id'), ['order_id'], unique=False)

    op.create_table('review',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('order_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('customer_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('worker_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('attitude', sa.SmallInteger(), nullable=False),
    sa.Column('skill', sa.SmallInteger(), nullable=False),
    sa.Column('efficiency', sa.SmallInteger(), nullable=False),
    sa.Column('punctuality', sa.SmallInteger(), nullable=False),
    sa.Column('overall', sa.SmallInteger(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('reply_text', sa.Text(), nullable=False),
    sa.Column('is_hidden', sa.Boolean(), nullable=False),
    sa.Column('created_at', jz_types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_review_customer_id_customer')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_review_order_id_orders')),
    sa.ForeignKeyConstraint(['worker_id'], ['worker.id'], name=op.f('fk_review_worker_id_worker')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review')),
    sa.UniqueConstraint('order_id', name=op.f('uq_review_order_id')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('review', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index('ix_review_worker_id_created_at', ['worker_id', 'created_at'], unique=False)

    op.create_table('service_record',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('order_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('worker_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('file_path', sa.String(length=255), nullable=False),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lng', sa.Float(), nullable=True),
    sa.Column('created_at', jz_types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_service_record_order_id_orders'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['worker_id'], ['worker.id'], name=op.f('fk_service_record_worker_id_worker')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_record')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('service_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_record_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_record_worker_id'), ['worker_id'], unique=False)

    op.create_table('ledger_entry',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('txn_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('account_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('amount_fen', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['ledger_account.id'], name=op.f('fk_ledger_entry_account_id_ledger_account')),
    sa.ForeignKeyConstraint(['txn_id'], ['ledger_txn.id'], name=op.f('fk_ledger_entry_txn_id_ledger_txn')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_entry')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('ledger_entry', schema=None) as batch_op:
        batch_op.create_index('ix_ledger_entry_account_id_txn_id', ['account_id', 'txn_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ledger_entry_txn_id'), ['txn_id'], unique=False)

    op.create_table('refund',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('payment_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('order_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('amount_fen', sa.BigInteger(), nullable=False),
    sa.Column('reason', sa.String(length=255), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('gateway_ref', sa.String(length=64), nullable=True),
    sa.Column('created_by', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('created_at', jz_types.UTCDateTime(), nullable=False),
    sa.Column('done_at', jz_types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['created_by'], ['staff_user.id'], name=op.f('fk_refund_created_by_staff_user')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_refund_order_id_orders')),
    sa.ForeignKeyConstraint(['payment_id'], ['payment.id'], name=op.f('fk_refund_payment_id_payment')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_refund')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('refund', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_refund_created_by'), ['created_by'], unique=False)
        batch_op.create_index(batch_op.f('ix_refund_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_refund_payment_id'), ['payment_id'], unique=False)

    op.create_table('review_photo',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('review_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('file_path', sa.String(length=255), nullable=False),
    sa.ForeignKeyConstraint(['review_id'], ['review.id'], name=op.f('fk_review_photo_review_id_review'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_photo')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('review_photo', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_photo_review_id'), ['review_id'], unique=False)



def downgrade() -> None:
    op.drop_table('review_photo')
    op.drop_table('refund')
    op.drop_table('ledger_entry')
    op.drop_table('service_record')
    op.drop_table('review')
    op.drop_table('points_entry')
    op.drop_table('placement_day_off')
    op.drop_table('payment')
    op.drop_table('pay_adjustment')
    op.drop_table('order_option')
    op.drop_table('order_event')
    op.drop_table('ledger_txn')
    op.drop_table('invoice_request_order')
    op.drop_table('dispatch_offer')
    op.drop_table('complaint')
    op.drop_table('orders')
    op.drop_table('vetting_check')
    op.drop_table('payroll_line')
    op.drop_table('order_series')
    op.drop_table('invoice')
    op.drop_table('exam_result')
    op.drop_table('coupon')
    op.drop_table('worker_skill')
    op.drop_table('worker_leave')
    op.drop_table('worker_document')
    op.drop_table('worker_district')
    op.drop_table('withdrawal')
    op.drop_table('vetting_case')
    op.drop_table('shift_template')
    op.drop_table('setting')
    op.drop_table('service_option')
    op.drop_table('price_rule')
    op.drop_table('payroll_run')
    op.drop_table('ledger_account')
    op.drop_table('invoice_request')
    op.drop_table('enrollment')
    op.drop_table('customer_address')
    op.drop_table('coupon_template')
    op.drop_table('branch_price')
    op.drop_table('blacklist_entry')
    op.drop_table('worker')
    op.drop_table('training_course')
    op.drop_table('staff_user')
    op.drop_table('service_item')
    op.drop_table('district')
    op.drop_table('customer')
    op.drop_table('state_event')
    op.drop_table('sms_code')
    op.drop_table('skill')
    op.drop_table('service_category')
    op.drop_table('outbox')
    op.drop_table('notification')
    op.drop_table('branch')
    op.drop_table('audit_log')
    op.drop_table('api_token')
