# %%
sms = pd.read_csv("sms.csv")
X_train, X_test, y_train, y_test = train_test_split(sms.text, sms.label, random_state=1)
vect = TfidfVectorizer()
vect.fit(sms.text)
X_train_dtm = vect.transform(X_train)
X_test_dtm = vect.transform(X_test)
nb = LogisticRegression().fit(X_train_dtm, y_train)
print(accuracy_score(y_test, nb.predict(X_test_dtm)))
