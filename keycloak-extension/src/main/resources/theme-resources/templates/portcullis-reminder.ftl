<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
<!-- template: portcullis-reminder.ftl -->
    <#if section="header">
        <#if securityKey?? && securityKey>${msg("portcullisKeyReminderTitle")}<#else>${msg("portcullisReminderTitle")}</#if>
    <#elseif section="form">
        <#if securityKey?? && securityKey>
        <p id="portcullis-days-left">${msg("portcullisKeyReminderDaysLeft", daysLeft, enrolBy)}</p>
        <p>${msg("portcullisKeyReminderWhy")}</p>
        <#else>
        <p id="portcullis-days-left">${msg("portcullisReminderDaysLeft", daysLeft, enrolBy)}</p>
        <p>${msg("portcullisReminderWhy")}</p>
        </#if>
        <form id="portcullis-reminder-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <button type="submit" name="choice" value="setup" autofocus
                        class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("portcullisReminderSetUp")}</button>
                <button type="submit" name="choice" value="later"
                        class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${msg("portcullisReminderLater")}</button>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
