"""Russian translations of the interface, merged into aktdesk_ru.ts by update.py.

Keyed by the English source text; a (context, source) key wins over a plain one where the
same English word needs a different Russian form in one place.
"""

RU: dict[str | tuple[str, str], str] = {
    # common
    "Client": "Клиент", "Own entity": "Юрлицо", "Type": "Тип", "Billing": "Периодичность",
    "Payment": "Оплата", "Documents": "Документы", "Valid": "Действует", "Status": "Статус",
    "Manager": "Менеджер", "E-mail": "E-mail", "INN": "ИНН", "KPP": "КПП", "days": "дн.",
    "indefinitely": "бессрочно", "no e-mail": "нет e-mail", "Contract": "Договор", "of": "от",
    "Specification": "Спецификация", "Service": "Услуга", "Qty": "Кол-во", "Price": "Цена",
    "Supplementary agreements": "Дополнительные соглашения", "effective from": "действует с",
    "Select a contract to see its terms.": "Выберите договор, чтобы увидеть его условия.",
    "January": "Январь", "February": "Февраль", "March": "Март", "April": "Апрель", "May": "Май",
    "June": "Июнь", "July": "Июль", "August": "Август", "September": "Сентябрь", "October": "Октябрь",
    "November": "Ноябрь", "December": "Декабрь", "Period:": "Период:",
    "Active contracts in the period: %1; with documents: %2; documents: %3":
        "Действующих договоров в периоде: %1; с документами: %2; документов: %3",
    "Fixed": "Фиксированный", "Variable": "По факту", "Draft": "Черновик", "Active": "Действует",
    "Suspended": "Приостановлен", "Closed": "Закрыт", "Number": "Номер", "Date": "Дата",
    "Monthly amount": "Сумма в месяц", "by work orders": "по заказ-нарядам",
    "100% prepayment": "Предоплата 100%", "70/30": "Предоплата 70/30", "Postpayment": "Постоплата",
    "Act + invoice": "Акт + счёт", "UPD": "УПД", "Act + invoice + UPD": "Акт + счёт + УПД",
    "Monthly": "Ежемесячно", "Quarterly": "Ежеквартально", "Yearly": "Ежегодно",
    "Search by number, client or INN": "Поиск по номеру, клиенту или ИНН",
    "All statuses": "Все статусы", "All own entities": "Все юрлица",
    "Contracts: %n": "Договоров: %n",
    "Act": "Акт", "Invoice": "Счёт", "Kind": "Вид", "Period": "Период", "Amount": "Сумма",
    "Signed": "Подписан", "Sent": "Отправлен", "Paid": "Оплата", "yes": "да", "no": "нет",
    "paid": "оплачен", "partly": "частично", "unpaid": "не оплачен",
    "Contracts": "Договоры", "Month closing": "Закрытие месяца", "Acts registry": "Реестр актов",
    "Payments": "Платежи", "No database connection": "Нет подключения к базе данных",
    "Database: %1": "База данных: %1", "&File": "&Файл", "&Settings…": "&Настройки…",
    "Fill with &demo data…": "Заполнить &демо-данными…", "E&xit": "В&ыход", "&Help": "&Справка",
    "Open the &log file": "Открыть &журнал работы", "&About AktDesk": "&О программе AktDesk",
    "About AktDesk": "О программе AktDesk",
    "AktDesk %1: month closing, acts registry and payments.":
        "AktDesk %1: закрытие месяца, реестр актов и платежи.",
    "Settings": "Настройки", "Demo data": "Демо-данные", "Number of clients:": "Число клиентов:",
    "Filling demo data": "Заполнение демо-данными",
    "Invoices and their payment state": "Счета и их оплата",
    "All documents": "Все документы", "Acts": "Акты", "Invoices": "Счета", "Documents: %n": "Документов: %n",
    "Embedded database (SQLite file)": "Встроенная база данных (файл SQLite)",
    "PostgreSQL server (several users)": "Сервер PostgreSQL (несколько пользователей)",
    "stored in the system keyring": "хранится в системном хранилище паролей",
    "Database": "База данных", "File:": "Файл:", "SQLite file": "Файл SQLite", "Server:": "Сервер:",
    "Port:": "Порт:", "Database:": "База данных:", "User:": "Пользователь:", "Password:": "Пароль:",
    "Automatic": "Автоматически", "Microsoft Word": "Microsoft Word", "LibreOffice": "LibreOffice",
    "Files": "Файлы", "Shared folder for scans:": "Общая папка для сканов:",
    "Shared folder for signed scans": "Общая папка для подписанных сканов",
    "Folder for documents:": "Папка для документов:",
    "Folder for generated documents": "Папка для сформированных документов",
    "PDF converter:": "Конвертер PDF:", "Interface language:": "Язык интерфейса:",
    "Cancelling after the current item…": "Остановка после текущего элемента…",
    "Working": "Выполняется", "Cancel": "Отмена", "About %n second(s) left": "Осталось около %n с",
    "Unexpected error": "Непредвиденная ошибка",
    "Something went wrong. The details were written to the log file.":
        "Что-то пошло не так. Подробности записаны в журнал работы.",
}
